package primitives

import (
	"reflect"

	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/samber/mo"
)

// Validator guards a route before its schema is checked and its handler
// runs (authentication, authorization). It returns nil to let the request
// through, or an error (usually an *Error with a status) to stop it.
type Validator func(*Request) error

// Handler runs a route's blocks and writes the response. Build one with
// Handle from a typed pipeline and a terminator: the handler then also
// tells what it answers (Response, Terminator), so that tools reading the
// route table (an API document, a test) need no request to learn it.
// HandlerFunc wraps a plain function, which states nothing.
type Handler struct {
	serve func(*Request)
	// Response is the Go type of the value a successful answer carries
	// (the T of Handle's pipeline); nil for a HandlerFunc.
	Response reflect.Type
	// Terminator answers the pipeline's outcome: its status and error map
	// when it is a terminators.JSONTerminator or EmptyTerminator; nil for
	// a HandlerFunc.
	Terminator Terminator
}

// HandlerFunc is a Handler that runs f, for a route that writes its answer
// itself (r.JSON, r.Fail).
func HandlerFunc(f func(*Request)) Handler { return Handler{serve: f} }

// IsZero reports whether h runs nothing (a Route without a handler).
func (h Handler) IsZero() bool { return h.serve == nil }

// ServeRequest runs the handler on r.
func (h Handler) ServeRequest(r *Request) { h.serve(r) }

// Terminator turns the outcome of a route's pipeline, its value or its
// error, into the HTTP response: the success status and body, or the
// error's status and envelope (see package terminators). It is not generic:
// Handle unwraps the pipeline's Result, so one terminator value answers a
// pipeline of any result type, and a route states that type once, in its
// handler. Exactly one of v and err is meaningful: err is nil on success.
type Terminator interface {
	Terminate(r *Request, v any, err error)
}

// TerminatorFunc adapts a function to a Terminator, as http.HandlerFunc
// adapts one to an http.Handler: for a terminator that picks its answer
// per request (for example by the service's configuration).
type TerminatorFunc func(r *Request, v any, err error)

// Terminate calls f(r, v, err).
func (f TerminatorFunc) Terminate(r *Request, v any, err error) { f(r, v, err) }

// Handle joins a typed pipeline and its terminator into a Handler: it runs
// the pipeline and hands its value, or its error, to terminate.
//
// The Handler records T and the terminator once, here, at start-up; no
// request pays for it.
func Handle[T any](pipeline func(*Request) mo.Result[T], terminate Terminator) Handler {
	if pipeline == nil || terminate == nil {
		panic("primitives.Handle: a nil pipeline or terminator would fail every request") // at start-up: routes are package-level values
	}
	return Handler{
		serve: func(r *Request) {
			v, err := pipeline(r).Get()
			if err != nil {
				terminate.Terminate(r, nil, err)
				return
			}
			terminate.Terminate(r, v, nil)
		},
		Response:   reflect.TypeFor[T](),
		Terminator: terminate,
	}
}

// Route is one whole HTTP endpoint, in one value: method and path, the
// validators in the order they run, the request schema, the handler (the
// blocks it runs, and its terminator: success status and error map) and
// the setups it needs at Mount. A Route mounts alone (it is a Mountable)
// or in a Feature; a host app that wants it changed copies the value and
// sets a field (a wider Schema, another Envelope).
//
// Path uses Go 1.22 pattern syntax for wildcards ("/greetings/{id}");
// each wildcard matches one non-empty segment. As in the reference, literal
// segments match case-insensitively and a trailing slash is optional.
type Route struct {
	// Name identifies the route in logs.
	Name string
	// Method is the HTTP method (GET, POST, ...).
	Method string
	// Path is the pattern, relative to where the service is mounted.
	Path string
	// Validators run in order before the schema; the first error stops the
	// request.
	Validators []Validator
	// Schema, when set, validates path, query and body after the validators
	// and coerces the body the handler sees. Its Mode chooses the
	// reference's AJV messages (the zero value) or field-named problems
	// (schema.Strict, schema.Coerce; see package primitives/model, which
	// derives such a Schema from a Go struct).
	Schema *schema.Request
	// Handler runs the route's blocks and writes the response.
	Handler Handler
	// Setup lists what the route needs prepared at Mount (indexes its
	// queries use, an authenticator). Routes and features share Setups:
	// Mount runs each distinct *Setup once.
	Setup []*Setup
	// Envelope shapes the route's answers; nil means its feature's (see
	// Feature.Envelope), and the reference's without one.
	Envelope Envelope
	// Form describes a multipart/form-data body that the handler reads
	// itself (a file upload), for an API document: an object schema whose
	// properties are the form's fields, a file being a string of format
	// "binary". The router neither reads nor checks it (see Schema for
	// what it checks). It changes no answer.
	Form *schema.Schema
	// Doc describes the route for an API document: its first sentence is
	// the summary, the rest the description. It changes no answer.
	Doc string
	// Errors lists the status errors (StatusError values) the route's
	// blocks can return, so that an API document lists their statuses and
	// messages: the statuses of its validators (see DescribeValidator),
	// schema, body reader and error map are known without it. It changes
	// no answer.
	Errors []*Error
}

// Bundle returns the route as a one-route Feature, so that a single route
// mounts like a feature.
func (rt Route) Bundle() Feature { return Feature{Name: rt.Name, Routes: []Route{rt}} }

// WithEnvelope returns a copy of the route answering in env.
func (rt Route) WithEnvelope(env Envelope) Route { rt.Envelope = env; return rt }

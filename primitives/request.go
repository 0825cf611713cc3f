package primitives

import (
	"context"
	"net/http"
	"net/url"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Request is what validators, handlers and terminators share during one
// HTTP exchange: the incoming request, the response writer, the service's
// dependencies, the path values, the query as validated (see ParsedQuery),
// the (validated, coerced) body and a small typed per-request memory (see
// Key).
//
// A Request is only valid during the exchange; it is recycled afterwards.
type Request struct {
	// HTTP is the incoming request.
	HTTP *http.Request
	// Writer is the response writer; handlers use it to set headers or
	// cookies. Terminators write the status and body.
	Writer http.ResponseWriter
	// Service holds the dependencies blocks need.
	Service *Service

	route        *Route
	id           string // request id, when request logging is on
	params       [maxParams]pathValue
	nparams      int
	badParam     string                   // a wildcard value that did not decode (see pattern.match)
	query        *schema.ParsedQuery      // parsed once, on first use (see ParsedQuery)
	values       url.Values               // query's string values, built on first use
	bodyRC       *http.ResponseController // non-nil while a body read deadline is set
	body         any
	hasBody      bool
	raw          []byte // the body's JSON text, for RawBody (Strict/Coerce routes)
	rawDefaulted bool   // validation inserted defaults the raw text lacks
	vals         []slot
	valsBuf      [4]slot
}

// Request is the validator's source of the parsed query.
var _ schema.QuerySource = (*Request)(nil)

const maxParams = 8

type pathValue struct{ name, value string }

// slot is one remembered result of a Key: the key, the id it is for
// (OnceFor) and the value or error.
type slot struct {
	key any
	id  string
	val any
	err error
}

// Context returns the request's context.
func (r *Request) Context() context.Context { return r.HTTP.Context() }

// PathValue returns the value of the route's path wildcard {name},
// URL-decoded. For a name the route does not declare it returns the outer
// mux's value (http.Request.PathValue), so a host app that mounts the
// service under "/tenants/{tenant}/" can read {tenant} in its own blocks;
// "" when neither has it.
func (r *Request) PathValue(name string) string {
	for i := range r.nparams {
		if r.params[i].name == name {
			return r.params[i].value
		}
	}
	return r.HTTP.PathValue(name)
}

// ParsedQuery returns the request's query as the reference's Express
// parses it (see schema.ParseQueryString): at most the first 1000
// parameters, "a[b]=c" as objects, repeated keys as arrays, undecodable
// escapes kept as sent. It is parsed once per request, and schema
// validation checks this very value (Request is a schema.QuerySource), so
// a handler that reads the query through the Request reads exactly what
// was validated. Handlers must not read r.HTTP.URL.Query() or
// r.HTTP.URL.RawQuery: net/url sees parameters validation never saw.
func (r *Request) ParsedQuery() *schema.ParsedQuery {
	if r.query == nil {
		r.query = schema.ParseQueryString(r.HTTP.URL.RawQuery)
	}
	return r.query
}

// Query returns the string values of ParsedQuery as url.Values, built
// once: a key maps to its value when that is a string, to the string
// elements of an array (a repeated key, or "key[]"), and objects are left
// out (read them with ParsedQuery). Values are the strings the client sent:
// schema coercion checks them but does not change them.
func (r *Request) Query() url.Values {
	if r.values == nil {
		r.values = r.ParsedQuery().Values()
	}
	return r.values
}

// QueryValue returns the first value of the query parameter name (see
// Query), "" when absent.
func (r *Request) QueryValue(name string) string {
	if r.HTTP.URL.RawQuery == "" {
		return ""
	}
	return r.Query().Get(name)
}

// Body returns the decoded JSON body: before schema validation (in
// validators) it is what the client sent; after it (in handlers) it is the
// coerced body. It is nil for requests without a body (GET) and an empty
// object when a body-carrying request sent none.
func (r *Request) Body() any { return r.body }

// RawBody returns the JSON text of the body as the client sent it
// (inflated), on a route whose schema is in the schema.Strict or
// schema.Coerce mode and only when validation coerced nothing: decoding it
// gives the validated body, except for the defaults validation inserted,
// which defaulted reports. raw is nil otherwise (an AJV-mode route, a
// coerced body, an empty or non-JSON body). It lets a typed binder
// (model.Bind) decode the bytes once instead of re-encoding the decoded
// body. The caller must not modify it.
func (r *Request) RawBody() (raw []byte, defaulted bool) { return r.raw, r.rawDefaulted }

// BodyField returns the top-level field name of an object body.
func (r *Request) BodyField(name string) (any, bool) {
	m, ok := r.body.(map[string]any)
	if !ok {
		return nil, false
	}
	v, ok := m[name]
	return v, ok
}

// BodyString returns the top-level string field name of an object body, or
// "" when it is absent or not a string.
func (r *Request) BodyString(name string) string {
	v, _ := r.BodyField(name)
	s, _ := v.(string)
	return s
}

func (r *Request) reset() {
	*r = Request{}
}

func (r *Request) lookup(key any) (*slot, bool) {
	for i := range r.vals {
		if r.vals[i].key == key {
			return &r.vals[i], true
		}
	}
	return nil, false
}

func (r *Request) store(key any, id string, val any, err error) {
	if s, ok := r.lookup(key); ok {
		s.id, s.val, s.err = id, val, err
		return
	}
	if r.vals == nil {
		r.vals = r.valsBuf[:0]
	}
	r.vals = append(r.vals, slot{key: key, id: id, val: val, err: err})
}

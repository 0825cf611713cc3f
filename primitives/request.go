package primitives

import (
	"context"
	"net/http"
	"net/url"
)

// Request is what validators, handlers and terminators share during one
// HTTP exchange: the incoming request, the response writer, the service's
// dependencies, the path values, the (validated, coerced) body and a small
// typed per-request memory (see Key).
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

	route    *Route
	id       string // request id, when request logging is on
	params   [maxParams]pathValue
	nparams  int
	badParam string // a wildcard value that did not decode (see pattern.match)
	query    url.Values
	queryOK  bool
	body     any
	hasBody  bool
	vals     []slot
	valsBuf  [4]slot
}

const maxParams = 8

type pathValue struct{ name, value string }

type slot struct {
	key any
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

// Query returns the raw query values, parsed once. Values are the strings
// the client sent: schema coercion checks them but does not change them.
func (r *Request) Query() url.Values {
	if !r.queryOK {
		r.query, _ = url.ParseQuery(r.HTTP.URL.RawQuery)
		r.queryOK = true
	}
	return r.query
}

// QueryValue returns the first value of the query parameter name.
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

func (r *Request) store(key, val any, err error) {
	if s, ok := r.lookup(key); ok {
		s.val, s.err = val, err
		return
	}
	if r.vals == nil {
		r.vals = r.valsBuf[:0]
	}
	r.vals = append(r.vals, slot{key: key, val: val, err: err})
}

package primitives

import (
	"log/slog"
	"net/http"
	"sync"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Router is the http.Handler of a mounted service. It is safe for
// concurrent use and has no state besides its routes.
type Router struct {
	service *Service
	routes  []*mountedRoute
}

var (
	notFound = StatusError(http.StatusNotFound, "Not Found")
	errPanic = &Error{Status: http.StatusInternalServerError, Message: "Internal Server Error", Data: []any{}}
)

// exchange keeps the per-request allocations in one pooled value.
type exchange struct {
	req Request
	rw  statusWriter
}

var exchanges = sync.Pool{New: func() any { return new(exchange) }}

// ServeHTTP matches the route, reads the body, runs the validators in order,
// validates the schema and runs the handler. A panic becomes a 500 envelope.
func (rt *Router) ServeHTTP(w http.ResponseWriter, hr *http.Request) {
	s := rt.service
	line, logOn := startRequestLine(s.requestLog, w, hr)
	reqID := line.id

	x := exchanges.Get().(*exchange)
	x.rw = statusWriter{ResponseWriter: w}
	r := &x.req
	r.HTTP, r.Writer, r.Service, r.id = hr, &x.rw, s, reqID
	defer func() {
		p := recover()
		if p == http.ErrAbortHandler {
			panic(p) // net/http aborts the connection; x is left to the GC
		}
		if p != nil {
			s.Logger.LogAttrs(hr.Context(), slog.LevelError, "panic", slog.Any("panic", p), slog.String("requestId", reqID))
			if !x.rw.wrote {
				writeError(&x.rw, errPanic, r.envelope())
			}
		}
		if logOn {
			name := ""
			if r.route != nil {
				name = r.route.Name
			}
			line.write(s.requestLog, hr, name, x.rw.status)
		}
		r.reset()
		x.rw = statusWriter{}
		exchanges.Put(x)
	}()

	rt.serve(r)
}

func (rt *Router) serve(r *Request) {
	hr := r.HTTP
	r.limitBodyRead() // a body must arrive within Config.BodyReadTimeout, even one no route reads
	escaped := hr.URL.EscapedPath()
	var m *mountedRoute
	method := hr.Method
	if method == http.MethodHead {
		method = http.MethodGet // Express answers HEAD with the GET route; net/http drops the body
	}
	for _, c := range rt.routes {
		if c.Method == method && c.pattern.match(escaped, r) {
			m = c
			break
		}
	}
	if m == nil {
		r.Fail(notFound)
		return
	}
	r.route = &m.Route
	if r.badParam != "" {
		r.Fail(StatusError(http.StatusBadRequest, "Failed to decode param '"+r.badParam+"'"))
		return
	}
	// Like Express's body parser, a body is read (and may be refused) on
	// any method; only POST, PUT, PATCH and DELETE hand it on.
	if takesBody := hasBody(hr.Method); takesBody || requestHasBody(hr) {
		body, raw, err := r.readBody()
		if err != nil {
			r.Fail(err)
			return
		}
		if takesBody {
			r.body, r.hasBody = body, true
			if m.schema != nil && m.schema.Mode() != schema.AJV {
				r.raw = raw
				if m.schema.ReadsJSONBody() && !isJSONOrEmpty(hr) {
					// The reference reads such a body as {}; a strict
					// route says why the fields it sent were not seen.
					r.Fail(errNotJSON)
					return
				}
			}
		}
	}
	for _, v := range m.Validators {
		if err := v(r); err != nil {
			r.Fail(err)
			return
		}
	}
	if m.schema != nil && m.schema.Mode() != schema.AJV {
		body, changes, problems := m.schema.Check(schema.Input{
			Path:     r,
			RawQuery: hr.URL.RawQuery,
			Body:     r.body,
			HasBody:  r.hasBody,
		})
		if len(problems) > 0 {
			r.Fail(ValidationProblems(problems))
			return
		}
		if r.hasBody {
			r.body = body
		}
		if changes&schema.Coerced != 0 {
			r.raw = nil
		}
		r.rawDefaulted = changes&schema.Defaulted != 0
	} else if m.schema != nil {
		body, msgs := m.schema.Validate(schema.Input{
			Path:     r,
			RawQuery: hr.URL.RawQuery,
			Body:     r.body,
			HasBody:  r.hasBody,
		})
		if len(msgs) > 0 {
			r.Fail(ValidationError(msgs))
			return
		}
		if r.hasBody {
			r.body = body
		}
	}
	m.Handler.ServeRequest(r)
}

// ValidationError is the reference's 400 "Validation Error" carrying the
// messages as data.
func ValidationError(messages []string) *Error {
	return &Error{Status: http.StatusBadRequest, Message: "Validation Error", Data: messages}
}

// ValidationProblems is the 400 "Validation Error" of a route in the
// schema.Strict or schema.Coerce mode: its data is the list of problems,
// each naming its field, the rule and what is accepted.
func ValidationProblems(problems []schema.Problem) *Error {
	return &Error{Status: http.StatusBadRequest, Message: "Validation Error", Data: problems}
}

// statusWriter remembers the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

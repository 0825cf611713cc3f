package ops

import "net/http"

// Middleware is the shape of every piece of this package: it wraps a
// handler in another.
type Middleware = func(http.Handler) http.Handler

// Chain wraps h in mws, the first outermost: Chain(h, a, b) is a(b(h)), so
// a request meets a first.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

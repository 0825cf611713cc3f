package ops

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CORS configures Cors. The zero value allows no cross-origin request
// (browsers then keep to same-origin calls): list the origins that may
// call the API.
type CORS struct {
	// Origins are the allowed origins, exactly as browsers send them
	// ("https://app.example.com"). "*" allows every origin; with
	// Credentials the request's own origin is echoed, since browsers refuse
	// "*" with credentials.
	Origins []string
	// Credentials lets browsers send cookies and read answers to
	// credentialed requests (Access-Control-Allow-Credentials: true).
	Credentials bool
	// Methods are the methods a preflight allows; default GET, HEAD, PUT,
	// PATCH, POST, DELETE.
	Methods []string
	// Headers are the request headers a preflight allows; default: the
	// ones the preflight asks for.
	Headers []string
	// ExposedHeaders are the answer headers scripts may read
	// (Access-Control-Expose-Headers), e.g. "Retry-After".
	ExposedHeaders []string
	// MaxAge is how long browsers may cache a preflight's answer; 0 sends
	// none.
	MaxAge time.Duration
}

// Cors answers preflight requests (OPTIONS with Origin and
// Access-Control-Request-Method) itself with 204, and marks the answers
// to allowed origins with the CORS headers. A request from an origin not
// allowed passes unmarked (a preflight gets 204 without them): the
// browser, not the server, then refuses it. Every answer varies on
// Origin, so that caches keep one per origin.
func Cors(o CORS) Middleware {
	methods := strings.Join(o.Methods, ", ")
	if methods == "" {
		methods = "GET, HEAD, PUT, PATCH, POST, DELETE"
	}
	headers := strings.Join(o.Headers, ", ")
	exposed := strings.Join(o.ExposedHeaders, ", ")
	maxAge := ""
	if o.MaxAge > 0 {
		maxAge = strconv.Itoa(int(o.MaxAge / time.Second))
	}
	any := slices.Contains(o.Origins, "*")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Add("Vary", "Origin")
			origin := r.Header.Get("Origin")
			allowed := origin != "" && (any || slices.Contains(o.Origins, origin))
			preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
			if allowed {
				if any && !o.Credentials {
					h.Set("Access-Control-Allow-Origin", "*")
				} else {
					h.Set("Access-Control-Allow-Origin", origin)
				}
				if o.Credentials {
					h.Set("Access-Control-Allow-Credentials", "true")
				}
				if exposed != "" && !preflight {
					h.Set("Access-Control-Expose-Headers", exposed)
				}
			}
			if !preflight {
				next.ServeHTTP(w, r)
				return
			}
			if allowed {
				h.Set("Access-Control-Allow-Methods", methods)
				if headers != "" {
					h.Set("Access-Control-Allow-Headers", headers)
				} else if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
					h.Set("Access-Control-Allow-Headers", req)
					h.Add("Vary", "Access-Control-Request-Headers")
				}
				if maxAge != "" {
					h.Set("Access-Control-Max-Age", maxAge)
				}
			}
			h.Set("Content-Length", "0")
			w.WriteHeader(http.StatusNoContent)
		})
	}
}

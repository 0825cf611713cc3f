package ops

import (
	"net/http"
	"slices"
)

// Off, as the value of a SecurityHeaders field, leaves that header out.
const Off = "-"

// Helmet's defaults (helmet 7), the values SecurityHeaders uses for the
// fields left empty.
const (
	DefaultContentSecurityPolicy = "default-src 'self';base-uri 'self';font-src 'self' https: data:;" +
		"form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';" +
		"script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests"
	DefaultStrictTransportSecurity = "max-age=31536000; includeSubDomains"
	DefaultFrameOptions            = "SAMEORIGIN"
	DefaultReferrerPolicy          = "no-referrer"
)

// SecurityHeaders configure Headers. The zero value sends helmet's default
// set; set a field to change its header's value, or to Off to leave the
// header out.
type SecurityHeaders struct {
	ContentSecurityPolicy        string // default DefaultContentSecurityPolicy
	StrictTransportSecurity      string // default DefaultStrictTransportSecurity
	FrameOptions                 string // X-Frame-Options; default SAMEORIGIN
	ReferrerPolicy               string // default no-referrer
	CrossOriginOpenerPolicy      string // default same-origin
	CrossOriginResourcePolicy    string // default same-origin
	OriginAgentCluster           string // default ?1
	ContentTypeOptions           string // X-Content-Type-Options; default nosniff
	DNSPrefetchControl           string // X-DNS-Prefetch-Control; default off
	DownloadOptions              string // X-Download-Options; default noopen
	PermittedCrossDomainPolicies string // X-Permitted-Cross-Domain-Policies; default none
	XSSProtection                string // X-XSS-Protection; default 0 (the old filter did harm)
	// Extra headers are set on every answer as given, after the others.
	Extra http.Header
}

// Headers sets the security headers of o on every answer, before the
// wrapped handler runs (which may still change them: Blockyard's routes
// answer JSON with X-Frame-Options: DENY, stricter than helmet's
// SAMEORIGIN), and removes X-Powered-By.
func Headers(o SecurityHeaders) Middleware {
	set := []struct{ name, value, def string }{
		{"Content-Security-Policy", o.ContentSecurityPolicy, DefaultContentSecurityPolicy},
		{"Cross-Origin-Opener-Policy", o.CrossOriginOpenerPolicy, "same-origin"},
		{"Cross-Origin-Resource-Policy", o.CrossOriginResourcePolicy, "same-origin"},
		{"Origin-Agent-Cluster", o.OriginAgentCluster, "?1"},
		{"Referrer-Policy", o.ReferrerPolicy, DefaultReferrerPolicy},
		{"Strict-Transport-Security", o.StrictTransportSecurity, DefaultStrictTransportSecurity},
		{"X-Content-Type-Options", o.ContentTypeOptions, "nosniff"},
		{"X-Dns-Prefetch-Control", o.DNSPrefetchControl, "off"},
		{"X-Download-Options", o.DownloadOptions, "noopen"},
		{"X-Frame-Options", o.FrameOptions, DefaultFrameOptions},
		{"X-Permitted-Cross-Domain-Policies", o.PermittedCrossDomainPolicies, "none"},
		{"X-Xss-Protection", o.XSSProtection, "0"},
	}
	fixed := http.Header{}
	for _, s := range set {
		v := s.value
		if v == "" {
			v = s.def
		}
		if v != Off {
			fixed.Set(s.name, v)
		}
	}
	for k, vs := range o.Extra {
		fixed[http.CanonicalHeaderKey(k)] = slices.Clip(slices.Clone(vs))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			for k, vs := range fixed {
				h[k] = vs // shared, but clipped: a handler's Add copies
			}
			h.Del("X-Powered-By")
			next.ServeHTTP(w, r)
		})
	}
}

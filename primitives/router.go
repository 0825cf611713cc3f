package primitives

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// pattern is a route path split into segments at mount time.
type pattern struct {
	segs []segment
}

type segment struct {
	literal string // lower-cased literal, when wildcard == ""
	param   string // wildcard name
}

// compilePattern parses a Go 1.22-style path ("/a/{id}/b"). A trailing slash
// is dropped: matching treats it as optional, like Express's non-strict
// routing.
func compilePattern(path string) (pattern, error) {
	if !strings.HasPrefix(path, "/") {
		return pattern{}, fmt.Errorf("route path %q must start with /", path)
	}
	p := strings.TrimSuffix(path[1:], "/")
	var pt pattern
	if p == "" {
		return pt, nil
	}
	names := map[string]bool{}
	for s := range strings.SplitSeq(p, "/") {
		switch {
		case s == "":
			return pattern{}, fmt.Errorf("route path %q has an empty segment", path)
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
			name := s[1 : len(s)-1]
			if name == "" || strings.ContainsAny(name, "{}.$") {
				return pattern{}, fmt.Errorf("route path %q: unsupported wildcard %q", path, s)
			}
			if names[name] {
				return pattern{}, fmt.Errorf("route path %q repeats wildcard %q", path, name)
			}
			names[name] = true
			pt.segs = append(pt.segs, segment{param: name})
		case strings.ContainsAny(s, "{}"):
			return pattern{}, fmt.Errorf("route path %q: a wildcard must be a whole segment", path)
		default:
			pt.segs = append(pt.segs, segment{literal: strings.ToLower(s)})
		}
	}
	if len(names) > maxParams {
		return pattern{}, fmt.Errorf("route path %q has more than %d wildcards", path, maxParams)
	}
	return pt, nil
}

// has reports whether the pattern has the wildcard {name}.
func (pt *pattern) has(name string) bool {
	for _, s := range pt.segs {
		if s.param == name {
			return true
		}
	}
	return false
}

// shape is the pattern with wildcard names erased ("/a/{}/b"): two routes
// of one method and shape match the same requests.
func (pt *pattern) shape() string {
	var b strings.Builder
	for _, s := range pt.segs {
		b.WriteByte('/')
		if s.param != "" {
			b.WriteString("{}")
		} else {
			b.WriteString(s.literal)
		}
	}
	return b.String()
}

// match reports whether the escaped request path matches, storing the
// decoded wildcard values in r. It does not allocate unless a value needs
// decoding. A wildcard value that does not decode to UTF-8 (like
// decodeURIComponent refusing "%FF") still matches and is recorded in
// r.badParam, for the reference's 400 "Failed to decode param".
func (pt *pattern) match(escaped string, r *Request) bool {
	p := strings.TrimPrefix(escaped, "/")
	if len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1] // optional trailing slash
	}
	r.nparams, r.badParam = 0, ""
	if p == "" {
		return len(pt.segs) == 0
	}
	for i := range pt.segs {
		if p == "" && i > 0 {
			return false
		}
		seg, rest, found := strings.Cut(p, "/")
		if found && rest == "" {
			return false // "a//" or a doubled trailing slash
		}
		s := &pt.segs[i]
		if s.param == "" {
			if !strings.EqualFold(seg, s.literal) {
				return false
			}
		} else {
			if seg == "" {
				return false
			}
			v := seg
			if strings.IndexByte(seg, '%') >= 0 {
				d, err := url.PathUnescape(seg)
				if err != nil || !utf8.ValidString(d) {
					if r.badParam == "" {
						r.badParam = seg
					}
				} else {
					v = d
				}
			}
			r.params[r.nparams] = pathValue{name: s.param, value: v}
			r.nparams++
		}
		if !found {
			p = ""
			if i != len(pt.segs)-1 {
				return false
			}
			continue
		}
		p = rest
	}
	return p == ""
}

// RouteInfo describes one route a Router serves, as its Route declared it.
type RouteInfo struct {
	// Name is the route's Name (it identifies the route in logs).
	Name string
	// Method is the HTTP method (GET, POST, ...).
	Method string
	// Path is the declared pattern ("/greetings/{greetingId}"),
	// relative to where the Router is mounted.
	Path string
	// Feature is the name of the feature (the Mountable) the route was
	// mounted with: an API document groups operations by it.
	Feature string
	// Route is the whole endpoint as mounted: validators, schema, handler
	// (with its Response type and Terminator), setups, and the envelope
	// its feature gave it.
	Route Route
}

// Routes lists the routes the Router serves, in matching order, so that a
// test can check that every mounted route is covered (an authorization
// matrix, say) and a tool can describe the API. The slice is a fresh copy:
// changing it changes nothing in the Router.
func (rt *Router) Routes() []RouteInfo {
	out := make([]RouteInfo, len(rt.routes))
	for i, m := range rt.routes {
		out[i] = RouteInfo{Name: m.Name, Method: m.Method, Path: m.Path, Feature: m.feature, Route: m.Route}
	}
	return out
}

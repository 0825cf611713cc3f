package primitives

import "time"

// Config is the configuration of the machinery every route shares. Its
// zero value is usable: Defaults fills every unset field. A domain's own
// options (collection names, secrets, permitted values) are not here but in the
// domain's Setting (see NewSetting and Service.Settings).
type Config struct {
	// BodyReadTimeout bounds how long a request body may take to arrive,
	// counted from the start of the request's handling: a body still
	// incomplete then is answered 408 "request timeout" and its connection
	// closed. Without it a client that declares a body and sends it a byte
	// at a time holds a connection, and a graceful shutdown, for as long as
	// it likes (http.Server.ReadHeaderTimeout covers only the headers).
	// Defaults to 30 seconds (ample for a 100 kB JSON body on a slow
	// mobile link). With an http.Server.ReadTimeout shorter than it, the
	// body gets that ReadTimeout, counted from the start of the request's
	// handling (net/http's own deadline, counted from the request's first
	// byte, is replaced: the whole request may then take up to twice
	// ReadTimeout). A negative value turns the deadline off. It works through
	// http.ResponseController: a ResponseWriter that cannot set read
	// deadlines (httptest.ResponseRecorder, a wrapper without an Unwrap
	// method) is read without one.
	BodyReadTimeout time.Duration
}

// Defaults returns c with every unset field set to its default.
func (c Config) Defaults() Config {
	if c.BodyReadTimeout == 0 {
		c.BodyReadTimeout = 30 * time.Second
	}
	return c
}

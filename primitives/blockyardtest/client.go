package blockyardtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Client calls an http.Handler in-process (no network, no listener) and records the answers, so that
// a service's tests exercise its real routing, middleware and encoding at the speed of a function call.
// It is not safe for use after its test has finished.
type Client struct {
	t         testing.TB
	h         http.Handler
	defaults  []RequestOption
	doc       *documentCheck // nil: answers are not checked
	unchecked bool
}

// RequestOption changes a request before it is served, e.g. to authenticate it.
type RequestOption func(*http.Request)

// NewClient returns a Client that serves every request with h and fails t on client-side errors.
//
// When h is a *primitives.Router (anything with its Routes method), every
// answer is checked against the router's API document (package openapi):
// the test fails when the document does not list the answer's status for
// the route, or the body does not match the documented schema. A request
// no route matches is not checked. Unchecked opts a client out;
// CheckedAgainst checks a handler that mounts a Router under a prefix.
func NewClient(t testing.TB, h http.Handler) *Client {
	c := &Client{t: t, h: h}
	if rl, ok := h.(routeLister); ok {
		c.doc = &documentCheck{routes: rl.Routes}
	}
	return c
}

// With returns a copy of c that applies opts to every request before the per-call options, e.g. a
// client logged in as one user: admin := c.With(WithBearer(token)).
func (c *Client) With(opts ...RequestOption) *Client {
	d := &Client{t: c.t, h: c.h, doc: c.doc, unchecked: c.unchecked}
	d.defaults = append(append(d.defaults, c.defaults...), opts...)
	return d
}

// WithBearer sends "Authorization: Bearer token".
func WithBearer(token string) RequestOption {
	return WithHeader("Authorization", "Bearer "+token)
}

// WithHeader sets header k to v, replacing what the Client set (such as Content-Type).
func WithHeader(k, v string) RequestOption {
	return func(r *http.Request) { r.Header.Set(k, v) }
}

// WithRemoteAddr sets the client address the handler sees ("ip:port"; httptest's default is
// 192.0.2.1:1234), for code that rate-limits or logs by address.
func WithRemoteAddr(addr string) RequestOption {
	return func(r *http.Request) { r.RemoteAddr = addr }
}

// Do serves one request and returns the recorded answer. path may carry a query ("/items?page=2").
// body is nil (no body), a string or []byte (sent as is), or any other value (sent as JSON); with a
// body the request gets "Content-Type: application/json", which an option may replace.
// The request's context is the test's, so handlers see it cancelled when the test ends.
func (c *Client) Do(method, path string, body any, opts ...RequestOption) *Response {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewBufferString(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.t.Fatalf("blockyardtest: %s %s: encode body as JSON: %v", method, path, err)
		}
		r = bytes.NewReader(data)
	}

	req := httptest.NewRequestWithContext(c.t.Context(), method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, opt := range c.defaults {
		opt(req)
	}
	for _, opt := range opts {
		opt(req)
	}

	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res := rec.Result()
	out := &Response{
		Status: res.StatusCode,
		Header: res.Header,
		Body:   rec.Body.Bytes(),
		t:      c.t,
		method: method,
		path:   path,
	}
	c.check(out)
	return out
}

// Get serves a GET request; see [Client.Do].
func (c *Client) Get(path string, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.Do(http.MethodGet, path, nil, opts...)
}

// Delete serves a DELETE request without a body; see [Client.Do].
func (c *Client) Delete(path string, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.Do(http.MethodDelete, path, nil, opts...)
}

// Post serves a POST request; see [Client.Do] for how body is sent.
func (c *Client) Post(path string, body any, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.Do(http.MethodPost, path, body, opts...)
}

// Put serves a PUT request; see [Client.Do] for how body is sent.
func (c *Client) Put(path string, body any, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.Do(http.MethodPut, path, body, opts...)
}

// Patch serves a PATCH request; see [Client.Do] for how body is sent.
func (c *Client) Patch(path string, body any, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.Do(http.MethodPatch, path, body, opts...)
}

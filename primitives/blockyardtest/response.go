package blockyardtest

import (
	"encoding/json"
	"net/http"
	"testing"
)

// Response is what a handler answered to a [Client] request. Its assertion helpers print the
// request and the body on failure, which is usually all one needs to see why.
type Response struct {
	Status int
	Header http.Header
	Body   []byte

	t            testing.TB // the Client's test, for Map
	method, path string     // for failure messages
}

// JSON decodes the body into v and fails t when it is not valid JSON for v.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("%s: decode body as %T: %v%s", r, v, err, r.bodyText())
	}
}

// Map decodes a JSON object body, for quick assertions such as r.Map()["name"]; it fails the
// Client's test when the body is not a JSON object.
func (r *Response) Map() map[string]any {
	r.t.Helper()
	var m map[string]any
	r.JSON(r.t, &m)
	return m
}

// ExpectStatus fails t (fatally, since later checks would only add noise) when the status is not
// want, and returns r for chaining.
func (r *Response) ExpectStatus(t testing.TB, want int) *Response {
	t.Helper()
	if r.Status != want {
		t.Fatalf("%s: status %d, want %d%s", r, r.Status, want, r.bodyText())
	}
	return r
}

// ExpectError checks the status and the error envelope {"error":{"message":...}} that Blockyard
// services answer with; message "" accepts any non-empty message. It returns r, so that a test can
// go on to check "data" through Map.
func (r *Response) ExpectError(t testing.TB, status int, message string) *Response {
	t.Helper()
	r.ExpectStatus(t, status)
	var env struct {
		Error *struct {
			Message *string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(r.Body, &env); err != nil || env.Error == nil || env.Error.Message == nil {
		t.Fatalf("%s: body is not an error envelope {\"error\":{\"message\":...}}%s", r, r.bodyText())
	}
	got := *env.Error.Message
	switch {
	case message == "" && got == "":
		t.Fatalf("%s: error message is empty%s", r, r.bodyText())
	case message != "" && got != message:
		t.Fatalf("%s: error message %q, want %q%s", r, got, message, r.bodyText())
	}
	return r
}

// String names the request that produced r, e.g. "GET /items".
func (r *Response) String() string {
	return r.method + " " + r.path
}

// bodyText is the body formatted for the end of a failure message.
func (r *Response) bodyText() string {
	const limit = 4 << 10
	b := string(r.Body)
	if len(b) > limit {
		b = b[:limit] + "... (truncated)"
	}
	return "\nbody: " + b
}

package primitives

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/samber/mo"
)

// MaxBodyBytes is the largest JSON body a route accepts (Express's 100 kB).
const MaxBodyBytes = 100 * 1024

var errTooLarge = StatusError(http.StatusRequestEntityTooLarge, "request entity too large")

// errBodyTimeout answers a body that did not arrive within
// Config.BodyReadTimeout.
var errBodyTimeout = StatusError(http.StatusRequestTimeout, "request timeout")

// maxDrainBytes is how much of a body the router reads past what it needs
// (a body that is not JSON, bytes after a deflate stream) to reach its
// end, so that the read deadline can be lifted: net/http's own allowance
// for reading what a handler left (maxPostHandlerReadBytes). A longer rest
// makes net/http close the connection after the response.
const maxDrainBytes = 256 << 10

// limitBodyRead sets the read deadline of a request that has a body to
// Config.BodyReadTimeout from now (a shorter http.Server.ReadTimeout
// wins), before the route is even matched: a body no route reads (a 404)
// is still read, and discarded, by net/http after the response, and must
// not hold the connection either. readBody lifts the deadline once the
// body has been read to its end; when it was not (an error answer), the
// deadline stays and bounds net/http's discard, after which net/http
// resets the connection's deadlines itself. A ResponseWriter that cannot
// set deadlines (httptest.ResponseRecorder, a wrapper without Unwrap)
// leaves the body without one.
func (r *Request) limitBodyRead() {
	hr := r.HTTP
	d := r.Service.Config.BodyReadTimeout
	if d <= 0 || !requestHasBody(hr) {
		return
	}
	if srv, ok := hr.Context().Value(http.ServerContextKey).(*http.Server); ok && srv.ReadTimeout > 0 {
		d = min(d, srv.ReadTimeout)
	}
	rc := http.NewResponseController(r.Writer)
	if rc.SetReadDeadline(time.Now().Add(d)) == nil {
		r.bodyRC = rc
	}
}

// readBody parses the request's body (see parseBody) under the deadline
// set by limitBodyRead: a body that has not fully arrived by then is 408
// "request timeout". The rest of the body, if any, is read up to
// maxDrainBytes; once the body's end is reached the deadline is lifted, so
// that the handler may take its time. Otherwise (a longer rest, a client
// gone) it stays, and net/http closes the connection after the response.
//
// raw is the body's JSON text (nil for an empty or non-JSON body).
func (r *Request) readBody() (v any, raw []byte, err error) {
	hr := r.HTTP
	v, raw, err = parseBody(hr)
	if err != nil || r.bodyRC == nil || isMultipart(hr) {
		// A multipart upload is the route's to read (a file import),
		// under the deadline: draining it here would hand the route an
		// empty stream. A route that does not read it answers, and
		// net/http discards the rest under the same deadline.
		return v, raw, err
	}
	_, err = io.CopyN(io.Discard, hr.Body, maxDrainBytes)
	if isTimeout(err) {
		return nil, nil, errBodyTimeout.Wrap(err)
	}
	if err == io.EOF && r.bodyRC.SetReadDeadline(time.Time{}) == nil {
		r.bodyRC = nil
	}
	return v, raw, nil
}

// errNotJSON answers a body that a Strict or Coerce route would otherwise
// read as {} because its Content-Type is not application/json.
var errNotJSON = StatusError(http.StatusUnsupportedMediaType, "Content-Type must be application/json")

// isJSONOrEmpty reports whether the request has no body, or a body whose
// Content-Type is application/json.
func isJSONOrEmpty(hr *http.Request) bool {
	if !requestHasBody(hr) || hr.ContentLength == 0 {
		return true
	}
	mt, _, err := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// isMultipart reports whether the request's body is multipart/form-data.
func isMultipart(hr *http.Request) bool {
	mt, _, err := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// isTimeout reports whether err is a read deadline expiring (HTTP/1's
// net.Conn and HTTP/2's stream both report os.ErrDeadlineExceeded).
func isTimeout(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// hasBody reports whether the reference hands the method's body to
// validation (POST, PUT, PATCH, DELETE).
func hasBody(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// parseBody reads a JSON body the way Express's express.json() does
// (body-parser 1.x): only when the request has a body (a Content-Length or
// Transfer-Encoding header), whatever the method; only for the content
// type application/json (other types leave the body {}); a charset other
// than utf-* is 415; gzip and deflate are inflated, anything else is 415;
// at most MaxBodyBytes after inflating (413); an empty body is {}; the first
// non-whitespace character must be { or [ (strict mode); malformed JSON is
// 400 with JSON.parse's message. Numbers are kept as json.Number. It also
// returns the JSON text (nil when the body is empty or not JSON). A read
// deadline expiring is 408 "request timeout" (see Request.readBody).
func parseBody(hr *http.Request) (any, []byte, error) {
	if !requestHasBody(hr) {
		return map[string]any{}, nil, nil
	}
	mt, params, err := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return map[string]any{}, nil, nil
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && !strings.HasPrefix(cs, "utf-") {
		return nil, nil, StatusError(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported charset %q", strings.ToUpper(cs)))
	}
	rd, err := decodedBody(hr)
	if err != nil {
		return nil, nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(rd, MaxBodyBytes+1))
	if isTimeout(err) {
		return nil, nil, errBodyTimeout.Wrap(err)
	}
	if err != nil {
		return nil, nil, StatusError(http.StatusBadRequest, "request aborted").Wrap(err)
	}
	if len(raw) > MaxBodyBytes {
		return nil, nil, errTooLarge
	}
	if len(raw) == 0 {
		return map[string]any{}, nil, nil
	}
	if first := bytes.TrimLeft(raw, " \t\r\n"); len(first) == 0 || first[0] != '{' && first[0] != '[' {
		return nil, nil, StatusError(http.StatusBadRequest, strictJSONError(string(raw)))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err = dec.Decode(&v)
	if err == nil && len(bytes.TrimLeft(raw[dec.InputOffset():], " \t\r\n")) > 0 {
		err = errTrailingData
	}
	if err != nil {
		msg := v8JSONError(string(raw))
		if msg == "" {
			msg = "Invalid JSON" // encoding/json refused what JSON.parse accepts: not expected
		}
		return nil, nil, StatusError(http.StatusBadRequest, msg).Wrap(err)
	}
	return v, raw, nil
}

var errTrailingData = errors.New("data after the top-level JSON value")

// requestHasBody is type-is's hasBody: a Transfer-Encoding header or a
// Content-Length header, even "0".
func requestHasBody(hr *http.Request) bool {
	return hr.ContentLength != 0 || len(hr.TransferEncoding) > 0 || hr.Header.Get("Content-Length") != ""
}

// decodedBody returns the body inflated per Content-Encoding, like
// body-parser: identity, gzip and deflate; anything else is 415.
func decodedBody(hr *http.Request) (io.Reader, error) {
	switch enc := strings.ToLower(hr.Header.Get("Content-Encoding")); enc {
	case "", "identity":
		if hr.ContentLength > MaxBodyBytes {
			return nil, errTooLarge
		}
		return hr.Body, nil
	case "gzip":
		zr, err := gzip.NewReader(hr.Body)
		if err != nil {
			return nil, headerCheckError(err)
		}
		return zr, nil
	case "deflate":
		zr, err := zlib.NewReader(hr.Body)
		if err != nil {
			return nil, headerCheckError(err)
		}
		return zr, nil
	default:
		return nil, StatusError(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported content encoding %q", enc))
	}
}

// headerCheckError is zlib's answer to a compressed body whose header is
// not one, or 408 when the header did not arrive in time.
func headerCheckError(err error) error {
	if isTimeout(err) {
		return errBodyTimeout.Wrap(err)
	}
	return StatusError(http.StatusBadRequest, "incorrect header check").Wrap(err)
}

// Bind decodes the request's validated body into a T, the handler's typed
// view of it, as a Result, so that it is the first step of a pipeline like
// any block: primitives.Then(primitives.Bind[NewThing](r), createThing).
// Call it in handlers of routes with a Schema whose Body describes T: the
// schema has then refused bad input with a 400 "Validation Error" and
// coerced the body, so the decoding fails only for a T that does not match
// the schema (400 "Invalid request body"). Without a body, T is its zero
// value decoded from null.
func Bind[T any](r *Request) mo.Result[T] {
	var v T
	b, err := json.Marshal(r.body)
	if err != nil {
		return mo.Err[T](StatusError(http.StatusBadRequest, "Invalid request body").Wrap(err))
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return mo.Err[T](StatusError(http.StatusBadRequest, "Invalid request body").Wrap(err))
	}
	return mo.Ok(v)
}

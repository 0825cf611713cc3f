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
	"net/http"
	"strings"
)

// MaxBodyBytes is the largest JSON body a route accepts (Express's 100 kB).
const MaxBodyBytes = 100 * 1024

var errTooLarge = StatusError(http.StatusRequestEntityTooLarge, "request entity too large")

// hasBody reports whether the reference hands the method's body to
// validation (POST, PUT, PATCH, DELETE).
func hasBody(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// readBody reads a JSON body the way Express's express.json() does
// (body-parser 1.x): only when the request has a body (a Content-Length or
// Transfer-Encoding header), whatever the method; only for the content
// type application/json (other types leave the body {}); a charset other
// than utf-* is 415; gzip and deflate are inflated, anything else is 415;
// at most MaxBodyBytes after inflating (413); an empty body is {}; the first
// non-whitespace character must be { or [ (strict mode); malformed JSON is
// 400 with JSON.parse's message. Numbers are kept as json.Number.
func readBody(hr *http.Request) (any, error) {
	if !requestHasBody(hr) {
		return map[string]any{}, nil
	}
	mt, params, err := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return map[string]any{}, nil
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && !strings.HasPrefix(cs, "utf-") {
		return nil, StatusError(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported charset %q", strings.ToUpper(cs)))
	}
	rd, err := decodedBody(hr)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(rd, MaxBodyBytes+1))
	if err != nil {
		return nil, StatusError(http.StatusBadRequest, "request aborted").Wrap(err)
	}
	if len(raw) > MaxBodyBytes {
		return nil, errTooLarge
	}
	if len(raw) == 0 {
		return map[string]any{}, nil
	}
	if first := bytes.TrimLeft(raw, " \t\r\n"); len(first) == 0 || first[0] != '{' && first[0] != '[' {
		return nil, StatusError(http.StatusBadRequest, strictJSONError(string(raw)))
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
		return nil, StatusError(http.StatusBadRequest, msg).Wrap(err)
	}
	return v, nil
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
			return nil, StatusError(http.StatusBadRequest, "incorrect header check").Wrap(err)
		}
		return zr, nil
	case "deflate":
		zr, err := zlib.NewReader(hr.Body)
		if err != nil {
			return nil, StatusError(http.StatusBadRequest, "incorrect header check").Wrap(err)
		}
		return zr, nil
	default:
		return nil, StatusError(http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported content encoding %q", enc))
	}
}

// Bind decodes the request's validated body into a T, the handler's typed
// view of it. Call it in handlers, after schema validation has coerced the
// body.
func Bind[T any](r *Request) (T, error) {
	var v T
	b, err := json.Marshal(r.body)
	if err != nil {
		return v, StatusError(http.StatusBadRequest, "Invalid request body").Wrap(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, StatusError(http.StatusBadRequest, "Invalid request body").Wrap(err)
	}
	return v, nil
}

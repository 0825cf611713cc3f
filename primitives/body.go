package primitives

import (
	"bytes"
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

// readBody decodes a JSON body the way Express's json() parser does: only
// for JSON content types, at most MaxBodyBytes, top level an object or an
// array, an empty body meaning {}. Numbers are kept as json.Number.
func readBody(hr *http.Request) (any, error) {
	if !isJSON(hr.Header.Get("Content-Type")) || hr.Body == nil || hr.Body == http.NoBody {
		return map[string]any{}, nil
	}
	if hr.ContentLength > MaxBodyBytes {
		return nil, errTooLarge
	}
	raw, err := io.ReadAll(io.LimitReader(hr.Body, MaxBodyBytes+1))
	if err != nil {
		return nil, StatusError(http.StatusBadRequest, "request aborted").Wrap(err)
	}
	if len(raw) > MaxBodyBytes {
		return nil, errTooLarge
	}
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if len(trimmed) == 0 {
		return map[string]any{}, nil
	}
	if c := trimmed[0]; c != '{' && c != '[' {
		return nil, StatusError(http.StatusBadRequest, fmt.Sprintf("Unexpected token '%c', %q is not valid JSON", c, snippet(trimmed)))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, StatusError(http.StatusBadRequest, jsonErrorMessage(raw, err)).Wrap(err)
	}
	if dec.More() {
		off := dec.InputOffset()
		return nil, StatusError(http.StatusBadRequest, fmt.Sprintf("Unexpected non-whitespace character after JSON at position %d", off))
	}
	return v, nil
}

// jsonErrorMessage words a decoding error like V8's JSON.parse for the
// common cases (the reference answers with JSON.parse's message).
func jsonErrorMessage(raw []byte, err error) string {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "Unexpected end of JSON input"
	case errors.As(err, &se):
		pos := int(se.Offset) - 1
		if pos < 0 || pos >= len(raw) {
			return "Unexpected end of JSON input"
		}
		if strings.Contains(se.Error(), "looking for beginning of object key string") {
			return fmt.Sprintf("Expected property name or '}' in JSON at position %d", pos)
		}
		return fmt.Sprintf("Unexpected token '%c', %q is not valid JSON", raw[pos], snippet(raw))
	default:
		return "Invalid JSON"
	}
}

func snippet(b []byte) string {
	if len(b) > 30 {
		return string(b[:30]) + "..."
	}
	return string(b)
}

func isJSON(contentType string) bool {
	if contentType == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
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

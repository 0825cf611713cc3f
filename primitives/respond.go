package primitives

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
)

// WriteJSON writes v as the JSON body with the given status. Like
// JSON.stringify, and unlike json.Marshal, it leaves <, > and & unescaped
// ("must be <= 50"). A value that cannot be encoded is a 500 (use
// Request.JSON to have it logged).
func WriteJSON(w http.ResponseWriter, status int, v any) {
	if err := writeJSON(w, status, v); err != nil {
		WriteError(w, err)
	}
}

// JSON answers the request with status and v as the JSON body (see
// WriteJSON), in the envelope of the route's feature (see Envelope); a
// value that cannot be encoded fails the request (see Fail).
func (r *Request) JSON(status int, v any) {
	if env := r.envelope(); env != nil {
		v = env.Success(status, v)
	}
	if err := writeJSON(r.Writer, status, v); err != nil {
		r.Fail(err)
	}
}

// writeJSON encodes v and writes it, or returns the encoding error (as a
// 500 *Error) having written nothing.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	if err := e.encode(v); err != nil {
		return &Error{Status: http.StatusInternalServerError, Message: "Internal Server Error", Data: []any{}, Err: err}
	}
	writeBytes(w, status, e.bytes())
	return nil
}

// encoder is a reusable JSON encoder without HTML escaping.
type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := new(encoder)
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

func (e *encoder) encode(v any) error {
	e.buf.Reset()
	return e.enc.Encode(v)
}

// bytes returns the encoded value without Encode's trailing newline and
// without the escapes JSON.stringify does not write (see unescapeHTML).
func (e *encoder) bytes() []byte {
	return unescapeHTML(bytes.TrimSuffix(e.buf.Bytes(), []byte{'\n'}))
}

// unescapeHTML turns the escapes \u003c, \u003e, \u0026, \u2028 and \u2029
// back into the characters, in place, as JSON.stringify writes them. The
// encoder is told not to write them, but values with their own MarshalJSON
// (bson.D, a document type) call json.Marshal, which does; the outer encoder
// cannot undo that. In valid JSON every backslash starts an escape, so
// walking escape by escape tells \u003c from an escaped backslash followed
// by "u003c".
func unescapeHTML(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u`)) {
		return b
	}
	i := bytes.IndexByte(b, '\\') // the first backslash starts an escape

	out := b[:i]
	for i < len(b) {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			i++
			continue
		}
		if b[i+1] == 'u' && i+6 <= len(b) {
			if r, ok := htmlEscapes[string(b[i+2:i+6])]; ok {
				out = append(out, r...)
				i += 6
				continue
			}
		}
		out = append(out, c, b[i+1]) // any other escape, kept whole
		i += 2
	}
	return out
}

var htmlEscapes = map[string]string{"003c": "<", "003e": ">", "0026": "&", "2028": "\u2028", "2029": "\u2029"}

// WriteEmpty writes a status with an empty body. For 204 only the security
// headers (see setSecurityHeaders) are sent; other statuses (the
// reference's 201 on register) announce JSON with a zero length, as
// Express does.
func WriteEmpty(w http.ResponseWriter, status int) {
	h := w.Header()
	setSecurityHeaders(h)
	if status != http.StatusNoContent {
		h["Content-Type"] = jsonContentType
		h["Content-Length"] = []string{"0"}
	}
	w.WriteHeader(status)
}

// Fail answers the request with err in the envelope of the route's
// feature (see Envelope; the reference's without one, as WriteError). A server error (5xx) is logged with its cause, which the
// client never sees; e-mail addresses in the cause are masked.
func (r *Request) Fail(err error) {
	e := AsError(err)
	if st := e.status(); st >= http.StatusInternalServerError && r.Service != nil && r.Service.Logger != nil {
		name := ""
		if r.route != nil {
			name = r.route.Name
		}
		if r.id == "" {
			r.id = requestID(r.HTTP) // request logging is off: an id for this line
		}
		r.Service.Logger.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.Int("status", st),
			slog.String("route", name),
			slog.String("requestId", r.id),
			slog.String("error", MaskEmails(e.Error())),
		)
	}
	writeError(r.Writer, e, r.envelope())
}

// envelope returns the matched route's envelope, nil for the default.
func (r *Request) envelope() Envelope {
	if r.route == nil {
		return nil
	}
	return r.route.Envelope
}

// WriteError writes err in the reference's envelope. An *Error keeps its
// status and data; any other error becomes a 500 "Internal Server Error"
// with data [] and its text is not sent.
func WriteError(w http.ResponseWriter, err error) { writeError(w, AsError(err), nil) }

// writeError writes e in env (nil: the Nodeblocks envelope).
func writeError(w http.ResponseWriter, e *Error, env Envelope) {
	var body any
	if env == nil {
		body = envelope{Error: envelopeError{Message: e.Message, Data: e.Data}}
	} else {
		body = env.Failure(e)
	}
	enc := encoders.Get().(*encoder)
	defer encoders.Put(enc)
	if enc.encode(body) != nil {
		writeBytes(w, http.StatusInternalServerError, []byte(`{"error":{"message":"Internal Server Error","data":[]}}`))
		return
	}
	writeBytes(w, e.status(), enc.bytes())
}

func writeBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	setSecurityHeaders(h)
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

var jsonContentType = []string{"application/json; charset=utf-8"}

// setSecurityHeaders marks an API answer as what it says it is: browsers
// must not sniff a JSON body as HTML or script (X-Content-Type-Options:
// nosniff) and must not render it inside a frame (X-Frame-Options: DENY).
// Every answer written by this package, success, error, 404 or empty,
// carries them; the reference (Express without helmet) sent neither.
func setSecurityHeaders(h http.Header) {
	h["X-Content-Type-Options"] = nosniff
	h["X-Frame-Options"] = frameDeny
}

var (
	nosniff   = []string{"nosniff"}
	frameDeny = []string{"DENY"}
)

package primitives

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// envelope is the reference's error body: {"error":{"message","data"}},
// with data only when set.
type envelope struct {
	Error envelopeError `json:"error"`
}

type envelopeError struct {
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

// WriteJSON writes v as the JSON body with the given status. Like
// JSON.stringify, and unlike json.Marshal, it leaves <, > and & unescaped
// ("must be <= 50").
func WriteJSON(w http.ResponseWriter, status int, v any) {
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	if err := e.encode(v); err != nil {
		WriteError(w, &Error{Status: http.StatusInternalServerError, Message: "Internal Server Error", Data: []any{}, Err: err})
		return
	}
	writeBytes(w, status, e.bytes())
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

// bytes returns the encoded value without Encode's trailing newline.
func (e *encoder) bytes() []byte { return bytes.TrimSuffix(e.buf.Bytes(), []byte{'\n'}) }

// WriteEmpty writes a status with an empty body. For 204 nothing else is
// sent; other statuses (the reference's 201 on register) announce JSON with
// a zero length, as Express does.
func WriteEmpty(w http.ResponseWriter, status int) {
	if status != http.StatusNoContent {
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", "0")
	}
	w.WriteHeader(status)
}

// WriteError writes err in the reference's envelope. An *Error keeps its
// status and data; any other error becomes a 500 "Internal Server Error"
// with data [] and its text is not sent.
func WriteError(w http.ResponseWriter, err error) {
	e := AsError(err)
	enc := encoders.Get().(*encoder)
	defer encoders.Put(enc)
	if enc.encode(envelope{Error: envelopeError{Message: e.Message, Data: e.Data}}) != nil {
		writeBytes(w, http.StatusInternalServerError, []byte(`{"error":{"message":"Internal Server Error","data":[]}}`))
		return
	}
	writeBytes(w, e.status(), enc.bytes())
}

func writeBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

var jsonContentType = []string{"application/json; charset=utf-8"}

package primitives

import (
	"encoding/json"
	"net/http"
	"strconv"
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

// WriteJSON writes v as the JSON body with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		WriteError(w, &Error{Status: http.StatusInternalServerError, Message: "Internal Server Error", Data: []any{}, Err: err})
		return
	}
	writeBytes(w, status, b)
}

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
	b, merr := json.Marshal(envelope{Error: envelopeError{Message: e.Message, Data: e.Data}})
	if merr != nil {
		b = []byte(`{"error":{"message":"Internal Server Error","data":[]}}`)
		e = &Error{Status: http.StatusInternalServerError}
	}
	writeBytes(w, e.status(), b)
}

func writeBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

var jsonContentType = []string{"application/json; charset=utf-8"}

package blobstore

import (
	"encoding/json"
	"net/http"
)

// errorEnvelope is Blockyard's error body, {"error":{"message":"..."}}.
// It is local so this package stands alone; it can give way to a shared
// helper without changing what clients see.
type errorEnvelope struct {
	Error errorMessage `json:"error"`
}

type errorMessage struct {
	Message string `json:"message"`
}

// writeError answers status with message in the error envelope.
func writeError(w http.ResponseWriter, status int, message string) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(errorEnvelope{Error: errorMessage{Message: message}})
}

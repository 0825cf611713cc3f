package tenancy

import (
	"encoding/json"

	"github.com/blockyard/blockyard/primitives"
)

// Envelope is the MultiCRM answer shape of the registry and the resolver:
// a success is {"success": true, "data": ...} (plus "message" when the
// handler's value is a Message), an error {"success": false, "error":
// "<message>"}. It is a primitives.Envelope, so the registry's routes
// answer in it whatever else the service mounts, and the statuses are the
// routes' as always.
type Envelope struct{}

var _ primitives.Envelope = Envelope{}

// Message is a handler's value that the Envelope answers with a message
// next to the data: {"success": true, "data": Data, "message": Text}.
type Message struct {
	Data any
	Text string
}

type success struct {
	Success bool   `json:"success"`
	Data    any    `json:"data"`
	Message string `json:"message,omitempty"`
}

type failure struct {
	Success bool   `json:"success"`
	Error   string `json:"error"`
}

// Success wraps v as {"success": true, "data": v}.
func (Envelope) Success(_ int, v any) any {
	if m, ok := v.(Message); ok {
		return success{Success: true, Data: m.Data, Message: m.Text}
	}
	return success{Success: true, Data: v}
}

// Failure writes {"success": false, "error": e.Message}; the error's data,
// if any, is not part of the MultiCRM shape and is left out.
func (Envelope) Failure(e *primitives.Error) any {
	return failure{Success: false, Error: e.Message}
}

// multiCRMFailure is the schema of every MultiCRM error body.
var multiCRMFailure = json.RawMessage(`{"type":"object","description":"A MultiCRM error: its message.","properties":{"success":{"const":false},"error":{"type":"string"}},"required":["success","error"],"additionalProperties":false}`)

// SuccessSchema states the body of a success carrying a value of schema
// value, {"success": true, "data": value} with an optional "message", so
// that an API document (package openapi, whose DescribedEnvelope this
// implements) describes the registry's answers in their own shape.
func (Envelope) SuccessSchema(_ int, value json.RawMessage) json.RawMessage {
	return json.RawMessage(`{"type":"object","properties":{"success":{"const":true},"data":` + string(value) +
		`,"message":{"type":"string"}},"required":["success","data"],"additionalProperties":false}`)
}

// FailureSchema states every error body: {"success": false, "error":
// "<message>"}.
func (Envelope) FailureSchema() json.RawMessage { return multiCRMFailure }

// infoEnvelope is the envelope of Info: its value is answered as it is
// (it carries its own "success"), its errors in the MultiCRM shape.
type infoEnvelope struct{}

func (infoEnvelope) Success(_ int, v any) any                               { return v }
func (infoEnvelope) Failure(e *primitives.Error) any                        { return Envelope{}.Failure(e) }
func (infoEnvelope) SuccessSchema(_ int, v json.RawMessage) json.RawMessage { return v }
func (infoEnvelope) FailureSchema() json.RawMessage                         { return multiCRMFailure }

package openapi

import (
	"encoding/json"

	"github.com/blockyard/blockyard/primitives"
)

// DescribedEnvelope is implemented by a primitives.Envelope that states
// the shape of the bodies it writes, so that the document describes a
// feature's answers in its own envelope. An envelope that does not
// implement it is documented as writing any JSON; NodeblocksEnvelope (the
// default) is known.
type DescribedEnvelope interface {
	primitives.Envelope
	// SuccessSchema returns the schema of a successful body of status
	// that carries a value of the schema value (JSON text).
	SuccessSchema(status int, value json.RawMessage) json.RawMessage
	// FailureSchema returns the schema of every error body.
	FailureSchema() json.RawMessage
}

// nodeblocksFailure is the reference's error body:
// {"error":{"message":"...","data":...}}, data only when the error has
// some.
var nodeblocksFailure = json.RawMessage(`{"type":"object","description":"An error: its message, and data when the error carries some (the messages of a 400 Validation Error, the cause of a failure).","properties":{"error":{"type":"object","properties":{"message":{"type":"string"},"data":{}},"required":["message"],"additionalProperties":false}},"required":["error"],"additionalProperties":false}`)

// envelopeSchemas is how the document writes a route's bodies.
type envelopeSchemas struct {
	nodeblocks bool // failures are the shared Error component
	success    func(status int, value json.RawMessage) json.RawMessage
	failure    json.RawMessage
}

var anything = json.RawMessage(`{}`)

// envelopeOf picks the schemas of env (nil: the reference's).
func envelopeOf(env primitives.Envelope) envelopeSchemas {
	bare := func(_ int, v json.RawMessage) json.RawMessage { return v }
	switch e := env.(type) {
	case nil, primitives.NodeblocksEnvelope, *primitives.NodeblocksEnvelope:
		return envelopeSchemas{nodeblocks: true, success: bare, failure: nodeblocksFailure}
	case DescribedEnvelope:
		return envelopeSchemas{success: e.SuccessSchema, failure: e.FailureSchema()}
	case primitives.EnvelopeFuncs:
		s := envelopeSchemas{nodeblocks: e.FailureFunc == nil, success: bare, failure: nodeblocksFailure}
		if e.SuccessFunc != nil {
			s.success = func(int, json.RawMessage) json.RawMessage { return anything }
		}
		if e.FailureFunc != nil {
			s.failure = anything
		}
		return s
	}
	return envelopeSchemas{success: func(int, json.RawMessage) json.RawMessage { return anything }, failure: anything}
}

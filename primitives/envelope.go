package primitives

// Envelope shapes the bodies of a feature's answers: what a successful
// value is wrapped in, and how an error is written. Each feature may bring
// its own (Feature.Envelope, or Route.Envelope for one route), so one
// service can serve an API whose errors read {"error":{"message":...}}
// next to one whose errors read {"success":false,"error":"..."}. The
// statuses do not change with the envelope: the route's validators, schema
// and error map decide them.
//
// Every error a route answers goes through its envelope: its validators'
// (401, 403), its schema's (400 "Validation Error" with the messages as
// Data), the body reader's (413, 415, 408) and its handler's. A request
// that matches no route has no feature: it gets NodeblocksEnvelope.
//
// Implementations must be safe for concurrent use; a struct without
// fields is the usual shape.
type Envelope interface {
	// Success returns the value to encode as the body of a successful
	// answer carrying v (answers without a body, such as 204, do not call
	// it).
	Success(status int, v any) any
	// Failure returns the value to encode as the body of the error answer
	// e (its status is e's).
	Failure(e *Error) any
}

// NodeblocksEnvelope is the default envelope, the reference's: a success
// is the bare value, an error is {"error":{"message":"...","data":...}}
// with data only when the error has some.
type NodeblocksEnvelope struct{}

// Success returns v unchanged.
func (NodeblocksEnvelope) Success(_ int, v any) any { return v }

// Failure returns {"error":{"message","data"}}.
func (NodeblocksEnvelope) Failure(e *Error) any {
	return envelope{Error: envelopeError{Message: e.Message, Data: e.Data}}
}

// EnvelopeFuncs adapts two functions to an Envelope; a nil function
// behaves as NodeblocksEnvelope's.
//
//	primitives.EnvelopeFuncs{
//		FailureFunc: func(e *primitives.Error) any {
//			return struct {
//				Success bool   `json:"success"`
//				Error   string `json:"error"`
//			}{false, e.Message}
//		},
//	}
type EnvelopeFuncs struct {
	SuccessFunc func(status int, v any) any
	FailureFunc func(e *Error) any
}

// Success calls SuccessFunc, or returns v when it is nil.
func (f EnvelopeFuncs) Success(status int, v any) any {
	if f.SuccessFunc == nil {
		return v
	}
	return f.SuccessFunc(status, v)
}

// Failure calls FailureFunc, or builds the Nodeblocks body when it is nil.
func (f EnvelopeFuncs) Failure(e *Error) any {
	if f.FailureFunc == nil {
		return NodeblocksEnvelope{}.Failure(e)
	}
	return f.FailureFunc(e)
}

// envelope is the Nodeblocks error body: {"error":{"message","data"}},
// with data only when set.
type envelope struct {
	Error envelopeError `json:"error"`
}

type envelopeError struct {
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

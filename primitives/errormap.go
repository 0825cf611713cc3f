package primitives

import "net/http"

// ErrorStatus maps one error kind to an HTTP status.
type ErrorStatus struct {
	Kind   *Kind
	Status int
}

// ErrorMap is a route's ordered error-kind → status table (the reference's
// orThrow): the first entry whose kind matches wins, and an entry for a
// parent kind covers every kind below it.
//
// It is how a route answers the kind errors (NewError) of the blocks it
// runs. The status belongs to the route rather than to the block because a
// block is reused: the route that runs it knows what its failure means to
// its client, and which failures it expects at all (an unmapped kind is a
// 500). Status errors (StatusError), which mean one thing everywhere, need
// no entry. A route without kind errors to answer passes a nil ErrorMap.
//
//	var greetingErrors = primitives.ErrorMap{
//		{Kind: KindGreetingNotFound, Status: http.StatusNotFound},
//		{Kind: KindGreetingBlock, Status: http.StatusBadRequest}, // every other greeting kind
//	}
type ErrorMap []ErrorStatus

// Resolve turns any error into the *Error a terminator writes, trying in
// this order:
//   - a kind the map matches → that status and the error's message, data
//     dropped (as orThrow does);
//   - an error that carries a status (StatusError) → unchanged;
//   - anything else (an unmapped kind, a plain Go error) → 500 with the
//     error's message and data [] (the reference's service-level catch); a
//     plain Go error's message is "Internal Server Error" (see AsError).
func (m ErrorMap) Resolve(err error) *Error {
	e := AsError(err)
	if e.Kind != nil {
		for _, es := range m {
			if e.Kind.Is(es.Kind) {
				return &Error{Status: es.Status, Message: e.Message, Kind: e.Kind, Op: e.Op, Err: e.Err}
			}
		}
	}
	if e.Status != 0 {
		return e
	}
	msg := e.Message
	if msg == "" {
		msg = "Internal Server Error"
	}
	return &Error{Status: http.StatusInternalServerError, Message: msg, Data: []any{}, Kind: e.Kind, Op: e.Op, Err: e.Err}
}

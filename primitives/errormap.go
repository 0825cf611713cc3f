package primitives

import "net/http"

// ErrorStatus maps one error kind to an HTTP status and, optionally, to
// the message and data the client gets.
//
// A block's error speaks of what the block knows: the store's "Document
// not found" does not know it was looking for an invoice. The route
// does, so Message lets it say so without wrapping the block's error in
// one of its own. A block's Data (the fields of a unique index a write
// violated, say) is dropped by default, as the reference's orThrow drops
// it; KeepData sends it, for a route whose clients expect it.
type ErrorStatus struct {
	Kind   *Kind
	Status int
	// Message, when not empty, replaces the error's message in the
	// answer ("Invoice not found" for store.ErrNotFound).
	Message string
	// KeepData sends the error's Data as error.data; by default it is
	// dropped.
	KeepData bool
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
//     dropped (as orThrow does), unless the entry sets Message (sent
//     instead) or KeepData (the data sent);
//   - an error that carries a status (StatusError) → unchanged;
//   - anything else (an unmapped kind, a plain Go error) → 500 with the
//     error's message and data [] (the reference's service-level catch); a
//     plain Go error's message is "Internal Server Error" (see AsError).
func (m ErrorMap) Resolve(err error) *Error {
	e := AsError(err)
	if e.Kind != nil {
		for _, es := range m {
			if e.Kind.Is(es.Kind) {
				r := &Error{Status: es.Status, Message: e.Message, Kind: e.Kind, Op: e.Op, Err: e.Err}
				if es.Message != "" {
					r.Message = es.Message
				}
				if es.KeepData {
					r.Data = e.Data
				}
				return r
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

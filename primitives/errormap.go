package primitives

import "net/http"

// ErrorStatus maps one error kind to an HTTP status.
type ErrorStatus struct {
	Kind   *Kind
	Status int
}

// ErrorMap is a route's ordered error-kind → status table (the reference's
// orThrow): the first entry whose kind matches wins.
type ErrorMap []ErrorStatus

// Resolve turns any error into the *Error a terminator writes:
//   - a kind the map matches → that status and the error's message, data
//     dropped (as orThrow does);
//   - an error that carries a status → unchanged;
//   - anything else → 500 with the error's message and data [] (the
//     reference's service-level catch).
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

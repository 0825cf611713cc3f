package primitives

import (
	"errors"
	"net/http"
)

// Kind classifies an error the way the reference's error classes do.
//
// Kinds form a tree: a route that maps a parent kind to a status also maps
// every kind below it, exactly like `instanceof` in the reference's orThrow.
// Declare kinds once, as package-level variables:
//
//	var KindGreetingBlock = primitives.NewKind("GreetingBlockError", primitives.KindBlock)
type Kind struct {
	name   string
	parent *Kind
}

// NewKind returns a new kind named name below parent (nil for a root kind).
func NewKind(name string, parent *Kind) *Kind { return &Kind{name: name, parent: parent} }

// String returns the kind's name.
func (k *Kind) String() string {
	if k == nil {
		return ""
	}
	return k.name
}

// Is reports whether k is target or lies below it.
func (k *Kind) Is(target *Kind) bool {
	for c := k; c != nil; c = c.parent {
		if c == target {
			return true
		}
	}
	return false
}

// KindBlock is the root of the block errors that carry no status of their own
// (the reference's BlockError); a route's ErrorMap decides their status.
var KindBlock = NewKind("BlockError", nil)

// Error is Blockyard's error value. Blocks and validators return it (as
// error) instead of writing HTTP; a route's terminator turns it into a
// response through the route's ErrorMap (see ErrorMap.Resolve).
//
// There are two ways to declare an Error, and the choice says who decides
// its status:
//
//   - NewError(kind, message) when the route decides: the error of a block
//     that more than one route runs, or that a host app may run on routes
//     of its own. A block knows nothing of HTTP, and the same failure does
//     not mean the same thing to every caller: a lookup's "not found" is a
//     404 on the route whose path names the document, and may be a 400 or
//     a 422 on a route that got the id in its body. Each route lists the
//     kinds it answers, with their status, in its ErrorMap; a kind its map
//     leaves out is a 500 with "data": [] (the reference's behaviour, kept
//     on the wire: two routes running the same block may differ exactly
//     there).
//   - StatusError(status, message) when the error decides: an error that
//     means one thing everywhere it can happen, such as a validator's
//     refusal (401 "Invalid token", 403 when the caller may not act), or a
//     rule whose status is part of the contract wherever it is checked (a
//     409 for a write that would break an invariant). No ErrorMap entry is
//     needed, and none changes it.
//
// When unsure, prefer NewError for a block's errors and StatusError for a
// validator's: a kind costs one ErrorMap line per route, and buys a route
// the right to answer differently.
//
// Declare either once, as a package-level variable, and return it or a copy
// made by WithData, WithOp, Wrap or Caused; callers compare with errors.Is.
// Do not build an Error literal with both a Kind and a Status: its status
// would depend on whether a route happens to map its kind (ErrorMap.Resolve
// tries the map first), which is neither of the two contracts above.
type Error struct {
	// Kind classifies the error for ErrorMap; nil for status errors.
	Kind *Kind
	// Status is the HTTP status the error carries, 0 when the route decides
	// (a kind error).
	Status int
	// Message is the client-facing message: it is sent as error.message.
	Message string
	// Data, when not nil, is sent as error.data.
	Data any
	// Op names the function that failed (the reference's functionName); it
	// appears in serialized causes.
	Op string
	// Err is the underlying cause, for logs and errors.Is/As. It is never
	// sent to the client.
	Err error
}

// NewError returns an Error of the given kind whose status the route
// decides: the route's ErrorMap gives the status, and a route that does not
// map the kind (or one of its parents) answers 500. Use it for a block's
// errors; see Error for the choice between NewError and StatusError.
func NewError(kind *Kind, message string) *Error { return &Error{Kind: kind, Message: message} }

// StatusError returns an Error that carries its own HTTP status, the same
// on every route and never changed by an ErrorMap. Use it for errors with
// one meaning everywhere, such as a validator's refusal; see Error for the
// choice between NewError and StatusError.
func StatusError(status int, message string) *Error { return &Error{Status: status, Message: message} }

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// WithData returns a copy of e whose error.data is data.
func (e *Error) WithData(data any) *Error { c := *e; c.Data = data; return &c }

// WithOp returns a copy of e naming the failing function.
func (e *Error) WithOp(op string) *Error { c := *e; c.Op = op; return &c }

// Wrap returns a copy of e with err as its (private) cause.
func (e *Error) Wrap(err error) *Error { c := *e; c.Err = err; return &c }

// Is matches another *Error with the same kind or status and message, so
// that sentinel errors work with errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Status == e.Status && t.Message == e.Message
}

// AsError returns err as an *Error: itself when it is one (or wraps one),
// otherwise a 500 "Internal Server Error" that keeps err as its cause.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Status: http.StatusInternalServerError, Message: "Internal Server Error", Data: []any{}, Err: err}
}

// Cause is the serialized form of an error nested in error.data.cause, as
// the reference renders it: the status, "NodeblocksError" and the failing
// function, never the message.
type Cause struct {
	StatusCode   int    `json:"statusCode"`
	Name         string `json:"name"`
	FunctionName string `json:"functionName,omitempty"`
	Data         any    `json:"data,omitempty"`
}

// CauseData is the error.data of an error caused by another one:
// {"cause":{"statusCode":404,"name":"NodeblocksError","functionName":"..."}}.
type CauseData struct {
	Cause Cause `json:"cause"`
}

// Caused returns a copy of e whose data describes cause the reference's way.
func (e *Error) Caused(cause error) *Error {
	ce := AsError(cause)
	c := *e
	c.Err = cause
	c.Data = CauseData{Cause: Cause{StatusCode: ce.status(), Name: "NodeblocksError", FunctionName: ce.Op}}
	return &c
}

// status is the status the error carries, 500 when it carries none.
func (e *Error) status() int {
	if e.Status != 0 {
		return e.Status
	}
	return http.StatusInternalServerError
}

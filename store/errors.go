package store

import (
	"errors"
	"strings"

	"github.com/blockyard/blockyard/primitives"
)

// Error kinds of the store blocks. They carry no status: a route's
// ErrorMap decides, typically ErrNotFound → 404 and ErrConflict → 409. A
// kind a route leaves out is a 500, which is right for ErrDatabase and,
// unless the route passes a client's field names on, for ErrInvalid.
var (
	// ErrNotFound is a document that does not exist, or that exists but
	// does not match the scope a block was given (so a scoped lookup never
	// tells a stranger's document from a missing one).
	ErrNotFound = primitives.NewKind("StoreNotFoundError", primitives.KindBlock)
	// ErrConflict is a write refused by a unique index; its Data is a
	// [Conflict] naming the index's fields.
	ErrConflict = primitives.NewKind("StoreConflictError", primitives.KindBlock)
	// ErrInvalid is a query or a write the store refuses before sending it:
	// a field that the document type does not declare, a document type
	// that cannot be stored (see [Record]), a document without an id. Most
	// are programming errors; a route that builds filters or sorts from a
	// client's input maps it to 400.
	ErrInvalid = primitives.NewKind("StoreInvalidError", primitives.KindBlock)
	// ErrDatabase is a query or a write that failed in the database or
	// while decoding its answer. The cause is kept for the logs, never
	// sent.
	ErrDatabase = primitives.NewKind("StoreDatabaseError", primitives.KindBlock)
	// ErrTooMany is a list [FindAll] refuses to answer whole because more
	// documents match than the caller's limit. A route that lists on a
	// client's request maps it (400, asking for pages, say); left out it
	// is a 500.
	ErrTooMany = primitives.NewKind("StoreTooManyError", primitives.KindBlock)
)

// The errors the blocks return, or copies of them made by WithData and
// Wrap; compare with errors.Is, or map their kinds.
var (
	// NotFound: no document has the id (within the scope, if any), or none
	// matches the filter.
	NotFound = primitives.NewError(ErrNotFound, "Document not found")
	// Duplicate: the write would give two documents the same value(s) in
	// a unique index. Its Data is a [Conflict]; the copy a block returns
	// names the fields in its message too ("A document with this email
	// already exists"), because a route's ErrorMap sends the message of a
	// kind error but drops its Data (the reference's orThrow) unless its
	// entry sets KeepData. Match it by
	// kind ([IsConflict], or ErrConflict in an ErrorMap), not errors.Is.
	Duplicate = primitives.NewError(ErrConflict, "A document with the same unique value already exists")
	// Invalid: the store refused the query or the write before sending it;
	// its Data is an [Invalidity] saying why, and so does its Error().
	Invalid = primitives.NewError(ErrInvalid, "Invalid store query")
	// TooMany: more documents match than [FindAll]'s limit; its Data is
	// a [Limit].
	TooMany = primitives.NewError(ErrTooMany, "Too many documents to list at once")
	// Failure: the database failed; the cause is wrapped.
	Failure = primitives.NewError(ErrDatabase, "Database operation failed")
)

// Conflict is the Data of a [Duplicate] error: the fields of the unique
// index the write violated, in the index's key order, named as the
// document's JSON (and BSON) fields. It is the same on MongoDB and on
// FerretDB, so a client can point at the offending field whichever
// database runs.
type Conflict struct {
	Fields []string `json:"fields"`
}

// Invalidity is the Data of an [Invalid] error: the offending field (when
// one is to blame) and what is wrong with it.
type Invalidity struct {
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

// invalid returns Invalid with an Invalidity, and the reason as its
// cause, so that Error() (logs, tests) says what is wrong while a client
// is sent only the message.
func invalid(field, reason string) *primitives.Error {
	return Invalid.Wrap(errors.New(reason)).WithData(Invalidity{Field: field, Reason: reason})
}

// duplicateOf is Duplicate naming fields, caused by cause.
func duplicateOf(cause error, fields []string) *primitives.Error {
	e := Duplicate.Wrap(cause).WithData(Conflict{Fields: fields})
	if len(fields) > 0 {
		e.Message = "A document with this " + strings.Join(fields, " and ") + " already exists"
	}
	return e
}

// IsNotFound reports whether err is (or wraps) an error of kind
// ErrNotFound.
func IsNotFound(err error) bool { return kindOf(err).Is(ErrNotFound) }

// IsConflict reports whether err is (or wraps) an error of kind
// ErrConflict and, when it came from a store block, the fields of the
// violated index.
func IsConflict(err error) (Conflict, bool) {
	var e *primitives.Error
	if !errors.As(err, &e) || !e.Kind.Is(ErrConflict) {
		return Conflict{}, false
	}
	c, _ := e.Data.(Conflict)
	return c, true
}

// kindOf is the kind of err's *primitives.Error, nil if it has none.
func kindOf(err error) *primitives.Kind {
	var e *primitives.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return nil
}

package primitives

import (
	"sync"
	"unsafe"
)

// Refusal describes what a validator can answer instead of letting a
// request through, for the tools that read the route table (an API
// document, a test kit that checks answers against it). A Validator is a
// plain function and states nothing by itself; DescribeValidator attaches
// a Refusal to one, and the route keeps using the function unchanged.
type Refusal struct {
	// Errors are the errors the validator can return (StatusError values):
	// the document lists their statuses and messages.
	Errors []*Error
	// Authenticates says that the validator reads the caller's
	// credentials, so that the route is documented with the service's
	// security schemes (a bearer token, a cookie).
	Authenticates bool
}

// describedValidator keeps the validator alive with its Refusal, so that
// its identity (the address of its function value) is never reused by
// another function.
type describedValidator struct {
	v Validator
	r Refusal
}

var (
	describedMu sync.RWMutex
	described   = map[unsafe.Pointer]describedValidator{}
)

// validatorID is the identity of a function value: the address of the
// closure it points to (a top-level function has one static closure), so
// two validators built by one factory have different identities.
func validatorID(v Validator) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&v)) }

// DescribeValidator records what v can answer and returns v itself, so a
// package declares its validators and their refusals in one place:
//
//	var IsAdmin = primitives.DescribeValidator(isAdmin, primitives.Refusal{
//		Errors: []*primitives.Error{ErrNotAdmin}, Authenticates: true,
//	})
//
// It is meant for start-up (package variables, route factories): the
// record lives as long as the process. A validator that was never
// described (a plain func) keeps working; an API document then says its
// route may answer any client error (4XX).
func DescribeValidator(v Validator, r Refusal) Validator {
	if v == nil {
		return nil
	}
	describedMu.Lock()
	described[validatorID(v)] = describedValidator{v: v, r: r}
	describedMu.Unlock()
	return v
}

// DescribedRefusal returns what DescribeValidator recorded for v, and
// false for a validator that was never described.
func DescribedRefusal(v Validator) (Refusal, bool) {
	if v == nil {
		return Refusal{}, false
	}
	describedMu.RLock()
	d, ok := described[validatorID(v)]
	describedMu.RUnlock()
	return d.r, ok
}

// JoinRefusals merges the refusals of vs: the union of their errors, and
// Authenticates when any authenticates. It is how a combinator
// (validators.All) describes the validator it builds. complete is false
// when one of vs was never described: what it may answer is unknown, and
// the combinator should not describe itself either.
func JoinRefusals(vs ...Validator) (r Refusal, complete bool) {
	complete = true
	for _, v := range vs {
		d, ok := DescribedRefusal(v)
		if !ok {
			complete = false
			continue
		}
		r.Errors = append(r.Errors, d.Errors...)
		r.Authenticates = r.Authenticates || d.Authenticates
	}
	return r, complete
}

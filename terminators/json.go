package terminators

import "github.com/blockyard/blockyard/primitives"

// JSONTerminator answers a route's value as JSON with Status, or its error
// resolved through Errors. Build one with JSON.
type JSONTerminator struct {
	// Status is the success status.
	Status int
	// Errors maps the pipeline's error kinds to statuses (see
	// primitives.ErrorMap.Resolve).
	Errors primitives.ErrorMap
}

// JSON answers a route's value with status and the value as JSON, and its
// error through errs. It answers a pipeline of any result type: the
// handler passed to primitives.Handle already says which.
func JSON(status int, errs primitives.ErrorMap) JSONTerminator {
	return JSONTerminator{Status: status, Errors: errs}
}

// Terminate writes v as JSON with t.Status, or the error's envelope.
func (t JSONTerminator) Terminate(r *primitives.Request, v any, err error) {
	if err != nil {
		r.Fail(t.Errors.Resolve(err))
		return
	}
	r.JSON(t.Status, v)
}

// EmptyTerminator answers a route's success with Status and no body, or
// its error resolved through Errors. Build one with Empty.
type EmptyTerminator struct {
	// Status is the success status.
	Status int
	// Errors maps the pipeline's error kinds to statuses.
	Errors primitives.ErrorMap
}

// Empty answers a route's success with status and no body (the value is
// dropped): 204 for deletes and updates, and the reference's
// 201-with-empty-body on register. Errors resolve through errs.
func Empty(status int, errs primitives.ErrorMap) EmptyTerminator {
	return EmptyTerminator{Status: status, Errors: errs}
}

// Terminate writes t.Status without a body, or the error's envelope.
func (t EmptyTerminator) Terminate(r *primitives.Request, _ any, err error) {
	if err != nil {
		r.Fail(t.Errors.Resolve(err))
		return
	}
	primitives.WriteEmpty(r.Writer, t.Status)
}

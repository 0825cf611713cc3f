package terminators

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// JSON answers a successful Result with status and the value as JSON.
func JSON[T any](status int, errs primitives.ErrorMap) primitives.Terminator[T] {
	return func(r *primitives.Request, res mo.Result[T]) {
		v, err := res.Get()
		if err != nil {
			r.Fail(errs.Resolve(err))
			return
		}
		r.JSON(status, v)
	}
}

// Empty answers a successful Result with status and no body: 204 for
// deletes and updates, and the reference's 201-with-empty-body on register.
func Empty[T any](status int, errs primitives.ErrorMap) primitives.Terminator[T] {
	return func(r *primitives.Request, res mo.Result[T]) {
		if err := res.Error(); err != nil {
			r.Fail(errs.Resolve(err))
			return
		}
		primitives.WriteEmpty(r.Writer, status)
	}
}

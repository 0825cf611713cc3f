package validators

import (
	"errors"
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// All runs the validators in order; the first error stops the request.
func All(vs ...primitives.Validator) primitives.Validator {
	all := func(r *primitives.Request) error {
		for _, v := range vs {
			if err := v(r); err != nil {
				return err
			}
		}
		return nil
	}
	if refusal, complete := primitives.JoinRefusals(vs...); complete {
		return primitives.DescribeValidator(all, refusal)
	}
	return all
}

// Some lets the request through when any validator passes. When all fail
// the client sees the error of the FIRST validator in argument order (the
// reference's some()), so put the most general check first. An error that
// carries no status becomes 500 "Unknown error".
//
// Unlike the reference, alternatives run one after another and stop at the
// first success: they share the request's memory (primitives.Key), so later
// ones reuse what earlier ones loaded, and nothing runs needlessly.
func Some(vs ...primitives.Validator) primitives.Validator {
	some := func(r *primitives.Request) error {
		var first error
		for _, v := range vs {
			err := v(r)
			if err == nil {
				return nil
			}
			if first == nil {
				first = err
			}
		}
		if first == nil {
			return nil
		}
		// The reference replaces a rejection that is not a NodeblocksError
		// (an error without a status) with 500 "Unknown error".
		var e *primitives.Error
		if !errors.As(first, &e) || e.Status == 0 {
			return errUnknown
		}
		return first
	}
	// A client sees the first validator's errors only, or 500 "Unknown
	// error".
	if len(vs) == 0 {
		return some
	}
	refusal, complete := primitives.JoinRefusals(vs[0])
	if !complete {
		return some
	}
	others, _ := primitives.JoinRefusals(vs...)
	refusal.Errors = append(refusal.Errors, errUnknown)
	refusal.Authenticates = others.Authenticates
	return primitives.DescribeValidator(some, refusal)
}

var errUnknown = primitives.StatusError(http.StatusInternalServerError, "Unknown error")

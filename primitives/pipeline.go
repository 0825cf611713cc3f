package primitives

import "github.com/samber/mo"

// Step is one stage of a pipeline: it takes the previous stage's value and
// returns a Result. Blocks are adapted into steps with closures or Lift.
type Step[A, B any] func(A) mo.Result[B]

// Then runs next on r's value when r is Ok and passes r's error on
// unchanged otherwise: the first error short-circuits the rest of a
// pipeline. Unlike mo.Result.FlatMap, next may change the value's type.
func Then[A, B any](r mo.Result[A], next func(A) mo.Result[B]) mo.Result[B] {
	v, err := r.Get()
	if err != nil {
		return mo.Err[B](err)
	}
	return next(v)
}

// Map transforms a successful value with a function that cannot fail.
func Map[A, B any](r mo.Result[A], f func(A) B) mo.Result[B] {
	v, err := r.Get()
	if err != nil {
		return mo.Err[B](err)
	}
	return mo.Ok(f(v))
}

// Lift turns an ordinary (value, error) function into a Step.
func Lift[A, B any](f func(A) (B, error)) Step[A, B] {
	return func(a A) mo.Result[B] { return mo.TupleToResult(f(a)) }
}

// Pipe composes steps that keep the value's type into one step, running
// them in order and stopping at the first error.
func Pipe[T any](steps ...Step[T, T]) Step[T, T] {
	return func(v T) mo.Result[T] {
		for _, s := range steps {
			r := s(v)
			if r.IsError() {
				return r
			}
			v = r.MustGet()
		}
		return mo.Ok(v)
	}
}

// If returns a step that runs onTrue when pred holds for the value and
// onFalse otherwise. A nil branch passes the value through.
func If[T any](pred func(T) bool, onTrue, onFalse Step[T, T]) Step[T, T] {
	return func(v T) mo.Result[T] {
		s := onFalse
		if pred(v) {
			s = onTrue
		}
		if s == nil {
			return mo.Ok(v)
		}
		return s(v)
	}
}

// Each runs step on every item in order and collects the results, stopping
// at the first error.
func Each[A, B any](items []A, step func(A) mo.Result[B]) mo.Result[[]B] {
	out := make([]B, 0, len(items))
	for _, it := range items {
		r := step(it)
		v, err := r.Get()
		if err != nil {
			return mo.Err[[]B](err)
		}
		out = append(out, v)
	}
	return mo.Ok(out)
}

package primitives

import "github.com/samber/mo"

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

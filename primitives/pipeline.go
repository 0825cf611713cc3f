package primitives

import "github.com/samber/mo"

// Then runs next on r's value when r is Ok and passes r's error on
// unchanged otherwise: the first error short-circuits the rest of a
// pipeline. Unlike mo.Result.FlatMap, next may change the value's type.
//
// Then suits one step after another. A handler that runs several blocks,
// each needing an earlier one's value, reads top to bottom with plain Go
// early returns instead of Then nested in Then: unwrap each Result with
// Get and return the error as the handler's Result.
//
//	in, err := primitives.Bind[NewGreeting](r).Get()
//	if err != nil {
//		return mo.Err[*Greeting](err)
//	}
//	g, err := CreateGreeting(r.Context(), in).Get()
//	if err != nil {
//		return mo.Err[*Greeting](err)
//	}
//	return NormalizeGreeting(g)
//
// Both forms behave the same: Then is exactly that early return.
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

package primitives

import "github.com/samber/mo"

// Key names a typed value remembered for the duration of one request, so
// that what one validator loads (the verified token, the caller's identity,
// the document a path names) is reused by the next validators and the handler
// instead of being decrypted or queried again.
//
// Declare keys as package-level variables; the pointer is the identity:
//
//	var greetingKey = primitives.NewKey[*Greeting]("greeting")
//
// Store pointers or small values: a value is kept in an interface.
type Key[T any] struct{ name string }

// NewKey returns a new key; name is for debugging only.
func NewKey[T any](name string) *Key[T] { return &Key[T]{name: name} }

// String returns the key's name.
func (k *Key[T]) String() string { return k.name }

// Get returns the value remembered under k, if any; a remembered error
// reads as absent.
func (k *Key[T]) Get(r *Request) (T, bool) {
	s, ok := r.lookup(k)
	if !ok || s.err != nil {
		var zero T
		return zero, false
	}
	v, _ := s.val.(T)
	return v, true
}

// Once returns the result (value or error) remembered under k, or runs
// load, remembers its result and returns it: load runs at most once per
// request, and every validator and block that asks shares its answer, its
// error included.
func (k *Key[T]) Once(r *Request, load func() mo.Result[T]) mo.Result[T] {
	if s, ok := r.lookup(k); ok {
		return resultOf[T](s)
	}
	res := load()
	remember(r, k, "", res)
	return res
}

// OnceFor is Once for the value of one id, for a document a request
// addresses (the document its path or its body names): the result is
// shared while the id is the same, and an other id loads afresh and takes
// its place.
func (k *Key[T]) OnceFor(r *Request, id string, load func() mo.Result[T]) mo.Result[T] {
	if s, ok := r.lookup(k); ok && s.id == id {
		return resultOf[T](s)
	}
	res := load()
	remember(r, k, id, res)
	return res
}

// remember stores res under key for id.
func remember[T any](r *Request, key any, id string, res mo.Result[T]) {
	v, err := res.Get()
	r.store(key, id, any(v), err)
}

// resultOf turns a slot back into the Result it remembers.
func resultOf[T any](s *slot) mo.Result[T] {
	if s.err != nil {
		return mo.Err[T](s.err)
	}
	v, _ := s.val.(T)
	return mo.Ok(v)
}

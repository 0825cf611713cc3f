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

// Get returns the value remembered under k, if any.
func (k *Key[T]) Get(r *Request) (T, bool) {
	s, ok := r.lookup(k)
	if !ok || s.err != nil {
		var zero T
		return zero, false
	}
	v, _ := s.val.(T)
	return v, true
}

// Set remembers v under k.
func (k *Key[T]) Set(r *Request, v T) { r.store(k, v, nil) }

// Once returns the result remembered under k, or runs load, remembers its
// result (value or error) and returns it. load runs at most once per request.
func (k *Key[T]) Once(r *Request, load func() mo.Result[T]) mo.Result[T] {
	if res, ok := k.Result(r); ok {
		return res
	}
	res := load()
	k.Remember(r, res)
	return res
}

// Result returns the result (value or error) remembered under k, if any.
// With Remember it is Once without a closure, for hot paths.
func (k *Key[T]) Result(r *Request) (mo.Result[T], bool) {
	s, ok := r.lookup(k)
	if !ok {
		return mo.Result[T]{}, false
	}
	if s.err != nil {
		return mo.Err[T](s.err), true
	}
	v, _ := s.val.(T)
	return mo.Ok(v), true
}

// Remember stores res (value or error) under k.
func (k *Key[T]) Remember(r *Request, res mo.Result[T]) {
	v, err := res.Get()
	r.store(k, any(v), err)
}

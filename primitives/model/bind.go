package model

import (
	"encoding/json"
	"reflect"
	"slices"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// Bind returns the request's validated body as a T, the first step of a
// route's pipeline: primitives.Then(model.Bind[NewNote](r), createNote).
// Use it on routes whose Schema is Body[T]: the schema has then refused a
// bad body with a field-named 400 and applied defaults. When T has
// cross-field rules (eqfield, required_if, ...), which a JSON schema
// cannot state, validator/v10 checks the decoded value and a failure is
// the same 400 "Validation Error" with problems; a T without them skips
// validator/v10 entirely (decided once per type).
func Bind[T any](r *primitives.Request) mo.Result[T] {
	b, err := bindingFor(reflect.TypeFor[T](), false)
	if err != nil {
		return mo.Err[T](err)
	}
	raw, overTemplate, err := b.source(r)
	if err != nil {
		return mo.Err[T](err)
	}
	var v T
	if overTemplate {
		v = b.template.(T)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return mo.Err[T](errInvalidBody.Wrap(err))
	}
	if b.derived.cross {
		if problems := crossCheck(&v, nil); len(problems) > 0 {
			return mo.Err[T](primitives.ValidationProblems(problems))
		}
	}
	return mo.Ok(v)
}

// Patch is a partial update read from a PatchBody[T] route: Value holds
// the fields the body sent (the others are zero), Fields their top-level
// JSON names in T's declaration order. A store writes exactly Fields.
type Patch[T any] struct {
	Value  T
	Fields []string
}

// Has reports whether the body sent the top-level field name (its JSON
// name).
func (p Patch[T]) Has(name string) bool { return slices.Contains(p.Fields, name) }

// BindPatch is Bind for a PatchBody[T] route: the body's fields decoded
// into a zero T (no defaults), with the names of the fields it sent.
// Cross-field rules run only on fields the body sent.
func BindPatch[T any](r *primitives.Request) mo.Result[Patch[T]] {
	b, err := bindingFor(reflect.TypeFor[T](), true)
	if err != nil {
		return mo.Err[Patch[T]](err)
	}
	raw, overTemplate, err := b.source(r)
	if err != nil {
		return mo.Err[Patch[T]](err)
	}
	p := Patch[T]{Fields: b.present(r)}
	if overTemplate {
		p.Value = b.template.(T)
	}
	if err := json.Unmarshal(raw, &p.Value); err != nil {
		return mo.Err[Patch[T]](errInvalidBody.Wrap(err))
	}
	if b.derived.cross {
		if problems := crossCheck(&p.Value, p.Fields); len(problems) > 0 {
			return mo.Err[Patch[T]](primitives.ValidationProblems(problems))
		}
	}
	return mo.Ok(p)
}

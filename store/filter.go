package store

import (
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Value is what a filter compares a field with: a string, a boolean, a
// number or a time, or a type defined on one of them (an enum such as
// `type Status string`). Documents, maps and slices are left out on
// purpose: a client's value that reaches a filter can then never smuggle
// an operator ({"$ne": ""}) into the query.
type Value interface {
	~string | ~bool | ~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint8 | ~uint16 | ~uint32 | ~float32 | ~float64 | time.Time
}

// Filter selects documents of type T. Build one with [Eq], [Ne], [In],
// [Nin], [Gt], [Gte], [Lt], [Lte], [Exists], [ByID], combine them with
// [And], [Or] or Filter.And, or wrap a bson.D with [Raw]. The zero Filter
// matches every document.
//
// A filter checks each field it names against T's fields (their JSON
// names, which are also their BSON names in the store; dotted paths go
// into nested structs, slices of them and array positions), once per
// type, so that a misspelt field is an error ([ErrInvalid]) instead of a
// query that silently matches nothing. It uses only operators that
// MongoDB and FerretDB 1.24 answer alike (docs/mongo-portable.md): [Ne]
// and [Nin] are written as $nor, which is right on array paths too.
type Filter[T any] struct {
	doc bson.D
	err error
}

// All matches every document; it is the zero Filter.
func All[T any]() Filter[T] { return Filter[T]{} }

// ByID matches the document whose id is id.
func ByID[T any](id string) Filter[T] {
	return Filter[T]{doc: bson.D{bson.E{Key: "id", Value: id}}}
}

// Eq matches documents whose field equals v (or, for an array field, holds
// v).
func Eq[T any, V Value](field string, v V) Filter[T] { return cond[T](field, "", v) }

// Ne matches documents whose field does not equal v, or that lack it. It
// is sent as {$nor: [{field: v}]}, which MongoDB and FerretDB both get
// right on dotted array paths, where $ne is wrong on FerretDB.
func Ne[T any, V Value](field string, v V) Filter[T] {
	return nor(cond[T](field, "", v))
}

// In matches documents whose field equals one of vs. An empty vs matches
// nothing.
func In[T any, V Value](field string, vs ...V) Filter[T] { return cond[T](field, "$in", list(vs)) }

// Nin matches documents whose field equals none of vs (or that lack it),
// sent as $nor of $in for the reason given at [Ne].
func Nin[T any, V Value](field string, vs ...V) Filter[T] {
	return nor(cond[T](field, "$in", list(vs)))
}

// Gt matches documents whose field is greater than v.
func Gt[T any, V Value](field string, v V) Filter[T] { return cond[T](field, "$gt", v) }

// Gte matches documents whose field is greater than or equal to v.
func Gte[T any, V Value](field string, v V) Filter[T] { return cond[T](field, "$gte", v) }

// Lt matches documents whose field is less than v.
func Lt[T any, V Value](field string, v V) Filter[T] { return cond[T](field, "$lt", v) }

// Lte matches documents whose field is less than or equal to v.
func Lte[T any, V Value](field string, v V) Filter[T] { return cond[T](field, "$lte", v) }

// Exists matches documents that have the field (exists true) or lack it
// (false). On an array position ("tags.3") it tells an array's length.
func Exists[T any](field string, exists bool) Filter[T] { return cond[T](field, "$exists", exists) }

// And matches documents that every filter matches; And() matches all.
func And[T any](fs ...Filter[T]) Filter[T] { return combine("$and", fs) }

// Or matches documents that at least one filter matches; Or() matches
// none.
func Or[T any](fs ...Filter[T]) Filter[T] { return combine("$or", fs) }

// And returns f narrowed by more.
func (f Filter[T]) And(more ...Filter[T]) Filter[T] {
	return And(append([]Filter[T]{f}, more...)...)
}

// Raw wraps a filter written by hand, for what the typed filters do not
// say. It is sent as is: its fields are not checked, and its operators
// must stay inside the portable subset (docs/mongo-portable.md). Never
// put a client's value in it unless its type is a [Value].
func Raw[T any](d bson.D) Filter[T] { return Filter[T]{doc: d} }

// BSON returns the filter as MongoDB receives it, or the error of a field
// it names that T does not have.
func (f Filter[T]) BSON() (bson.D, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.doc == nil {
		return bson.D{}, nil
	}
	return f.doc, nil
}

// cond is {field: v} when op is "", else {field: {op: v}}, after checking
// that T has field.
func cond[T any](field, op string, v any) Filter[T] {
	if err := checkPath[T](field); err != nil {
		return Filter[T]{err: err}
	}
	if op != "" {
		v = bson.D{bson.E{Key: op, Value: v}}
	}
	return Filter[T]{doc: bson.D{bson.E{Key: field, Value: v}}}
}

// nor negates f as {$nor: [f]}.
func nor[T any](f Filter[T]) Filter[T] {
	if f.err != nil {
		return f
	}
	return Filter[T]{doc: bson.D{bson.E{Key: "$nor", Value: bson.A{f.doc}}}}
}

// combine joins fs under op ($and, $or); the first failed filter's error
// wins.
func combine[T any](op string, fs []Filter[T]) Filter[T] {
	parts := make(bson.A, 0, len(fs))
	for _, f := range fs {
		if f.err != nil {
			return f
		}
		if f.doc == nil && op == "$and" {
			continue // All() narrows nothing
		}
		d := f.doc
		if d == nil {
			d = bson.D{}
		}
		parts = append(parts, d)
	}
	switch {
	case op == "$and" && len(parts) == 0:
		return Filter[T]{}
	case op == "$and" && len(parts) == 1:
		return Filter[T]{doc: parts[0].(bson.D)}
	case op == "$or" && len(parts) == 0:
		// Or() matches nothing: no document has two values for id.
		return Filter[T]{doc: bson.D{bson.E{Key: "id", Value: bson.D{bson.E{Key: "$in", Value: bson.A{}}}}}}
	}
	return Filter[T]{doc: bson.D{bson.E{Key: op, Value: parts}}}
}

// list is vs as a bson.A, never nil (so an empty In is $in: []).
func list[V Value](vs []V) bson.A {
	a := make(bson.A, len(vs))
	for i, v := range vs {
		a[i] = v
	}
	return a
}

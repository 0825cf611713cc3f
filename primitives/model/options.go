package model

import "reflect"

// Options change what Derive emits for a type.
type Options struct {
	// Partial makes every field optional and leaves out defaults: the
	// schema of a partial update (PATCH), where an absent field means
	// "unchanged", not "the default".
	Partial bool
	// Response derives the schema of a value the service answers with:
	// the JSON encoder writes every field without `json:",omitempty"`, so
	// those are required and the others optional; pointers, slices and
	// maps may be null (a nil Go value); validate and default tags are
	// ignored (a response is not checked against input rules), doc still
	// gives a description. Deriving a response never fails on a type the
	// JSON encoder can write: a type whose JSON it cannot see (a custom
	// json.Marshaler, an interface, a struct within itself) is {}.
	Response bool
	// Ref, when non-nil, is asked for every named struct type met below
	// the root; a non-"" answer is emitted as {"$ref": answer} instead of
	// the inlined object schema (OpenAPI components). The root itself is
	// always inlined. Derive caches nothing when Ref is set.
	Ref func(reflect.Type) string
}

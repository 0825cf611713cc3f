package model

import (
	"reflect"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Body returns a route's request whose JSON body is a T: the schema
// derived from T (Derive), read in schema.Strict mode (field-named
// problems, no coercion, defaults applied), with the given path and query
// parameters. It panics when T cannot be derived, which happens when the
// route table is built, at start-up. Read the body with Bind[T].
func Body[T any](params ...schema.Param) *schema.Request {
	return request(reflect.TypeFor[T](), Options{}, params)
}

// PatchBody is Body for a partial update: every field of T is optional
// and no default is applied, so that the body names exactly the fields to
// change. Read it with BindPatch[T].
func PatchBody[T any](params ...schema.Param) *schema.Request {
	return request(reflect.TypeFor[T](), Options{Partial: true}, params)
}

func request(t reflect.Type, o Options, params []schema.Param) *schema.Request {
	s, err := Derive(t, o)
	if err != nil {
		panic("model: " + err.Error())
	}
	return &schema.Request{Params: params, Body: s, Mode: schema.Strict}
}

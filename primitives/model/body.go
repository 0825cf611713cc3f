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

// Paged returns the request of a list route that reads one page: the
// optional query parameters page (an integer from 1) and limit (an
// integer from 1 to max), plus params, in [schema.Strict] mode, so that
// ?limit=abc, ?limit=0, ?limit=1000000 or an undeclared parameter (a
// filter the route does not have) is a 400 naming query.limit or the
// parameter, instead of being taken for the default or ignored. The route
// reads the page with primitives.PageFromQuery.
func Paged(max int, params ...schema.Param) *schema.Request {
	page := []schema.Param{
		{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1)},
		{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(float64(max))},
	}
	return &schema.Request{Params: append(page, params...), Mode: schema.Strict}
}

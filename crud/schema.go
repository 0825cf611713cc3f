package crud

import (
	"net/http"
	"reflect"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
)

// bodySchema is the schema of a create (partial false) or update (partial
// true) body, derived from T with package model: {"data": T} or
// {"data": T with every field optional, "id": string}. The router checks
// it in strict mode before the handler runs (field-named 400s, T's
// defaults applied on create), and it is the body an API document shows,
// so the document and the validation agree.
func (b *built[T]) bodySchema(partial bool) *schema.Request {
	data, err := model.Derive(reflect.TypeFor[T](), model.Options{Partial: partial})
	if err != nil {
		panic("crud: resource " + b.res.Name + ": " + err.Error())
	}
	body := schema.Object(schema.Prop("data", data)).Required("data").AdditionalProperties(false)
	var params []schema.Param
	if partial {
		body = schema.Object(schema.Prop("data", data), schema.Prop("id", schema.String().Description("must equal the path's id when sent"))).
			Required("data").AdditionalProperties(false)
		params = append(params, schema.Param{Name: "id", In: schema.Path, Schema: schema.String()})
	} else if b.scopeField != "" {
		params = append(params, schema.Param{Name: b.scopeField, In: schema.Query, Schema: schema.String().
			Description("the organization to create in; only a caller with global access may name one other than its own")})
	}
	return &schema.Request{Params: params, Body: body, Mode: schema.Strict}
}

// rejectReadOnly answers 400 "readOnly" for a body whose data names a
// field the resource writes itself (id, timestamps, the scope field): a
// validator, so that it runs before the schema (which would only call the
// field unknown).
func (b *built[T]) rejectReadOnly(r *primitives.Request) error {
	data, _ := r.BodyField("data")
	m, ok := data.(map[string]any)
	if !ok {
		return nil
	}
	var ps []schema.Problem
	for _, p := range b.checkKeys(m, "body.data") {
		if p.Rule == "readOnly" {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		return &primitives.Error{Status: http.StatusBadRequest, Message: "Validation Error", Data: ps}
	}
	return nil
}

// rowChecker is the create schema of T's fields alone, compiled once, for
// the rows of a bulk import: a row is checked by exactly the rules a
// create body's data is.
func (b *built[T]) rowChecker() *schema.Validator {
	b.rowOnce.Do(func() {
		data, err := model.Derive(reflect.TypeFor[T](), model.Options{})
		if err != nil {
			panic("crud: resource " + b.res.Name + ": " + err.Error())
		}
		b.rows = schema.MustCompile(schema.Request{Body: data, Mode: schema.Strict})
	})
	return b.rows
}

// listParams declares the query parameters of GET / (list), GET /count
// (count) or GET /autocomplete, so that the route's schema (and an API
// document) names them; the handler reads them again as typed values and
// reports what the schema cannot state (ranges, repeated values, objects).
// Exact and Range filters may repeat, so they carry no schema.
func (b *built[T]) listParams(name RouteName) *schema.Request {
	var ps []schema.Param
	q := func(n string, s *schema.Schema) { ps = append(ps, schema.Param{Name: n, In: schema.Query, Schema: s}) }
	limit := schema.Integer().Minimum(1).Description("page size; default 10, at most 100 (a larger limit is lowered)")
	if name == RouteAutocomplete {
		q("query", schema.String().Description("an id, or a part of the label (case-insensitive)"))
		q("limit", limit)
		q("offset", schema.Integer().Minimum(0))
		return &schema.Request{Params: ps, Mode: schema.Strict}
	}
	for _, f := range b.res.Filters {
		switch f.Kind {
		case FilterContains:
			q(f.Name, schema.String().Description("case-insensitive substring of "+f.Field))
		case FilterOneOf:
			q(f.Name, schema.String().Enum(anys(f.Values)...))
		default:
			q(f.Name, nil)
		}
	}
	if len(b.res.Sortable) > 0 {
		q("field", schema.String().Enum(anys(b.res.Sortable)...))
	}
	q("sort", schema.String().Enum("asc", "desc", "ASC", "DESC"))
	q("page", schema.Integer().Minimum(0).Description("0-based page number"))
	q("limit", limit)
	if name == RouteList && len(b.csv) > 0 {
		q("filetype", schema.String().Enum("csv").Description("answer a CSV download of every matching record instead"))
	}
	return &schema.Request{Params: ps, Mode: schema.Strict}
}

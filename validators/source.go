package validators

import (
	"encoding/json"

	"github.com/blockyard/blockyard/primitives"
)

// Source reads one value a validator needs from the request (a path value,
// a body field, a query value), so that validators are configured with
// typed accessors instead of string paths into a payload. It returns ""
// when the value is absent.
type Source func(r *primitives.Request) string

// PathValue reads the path wildcard {name}.
func PathValue(name string) Source {
	return func(r *primitives.Request) string { return r.PathValue(name) }
}

// QueryValue reads the first value of the query parameter name.
func QueryValue(name string) Source {
	return func(r *primitives.Request) string { return r.QueryValue(name) }
}

// BodyField reads the top-level body field name. Validators run before the
// schema, so the field is as the client sent it: a string is returned as
// is, a number in its JSON spelling (so that it compares unequal to an id
// rather than passing as absent), anything else as "".
func BodyField(name string) Source {
	return func(r *primitives.Request) string {
		v, _ := r.BodyField(name)
		switch x := v.(type) {
		case string:
			return x
		case json.Number:
			return x.String()
		}
		return ""
	}
}

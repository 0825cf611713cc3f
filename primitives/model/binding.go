package model

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/blockyard/blockyard/primitives"
	"github.com/go-playground/validator/v10"
)

// binding is what Bind and BindPatch need of a type, prepared once.
type binding struct {
	derived *derived
	// names are the top-level JSON names in declaration order, goNames
	// the Go field names by JSON name.
	names   []string
	goNames map[string]string
	// template is a T (as any) holding the defaults, or nil when there
	// are none; templateOK says that decoding the raw body over a copy of
	// it gives the validated body (every default sits in a scalar field
	// reached through struct fields only, not through a pointer, slice
	// or map).
	template   any
	templateOK bool
}

type bindKey struct {
	t       reflect.Type
	partial bool
}

var bindings sync.Map // bindKey → *binding or error

func bindingFor(t reflect.Type, partial bool) (*binding, error) {
	key := bindKey{t, partial}
	if b, ok := bindings.Load(key); ok {
		if err, isErr := b.(error); isErr {
			return nil, err
		}
		return b.(*binding), nil
	}
	b, err := newBinding(t, partial)
	if err != nil {
		bindings.Store(key, err)
		return nil, err
	}
	bindings.Store(key, b)
	return b, nil
}

func newBinding(t reflect.Type, partial bool) (*binding, error) {
	d, err := derive(t, Options{Partial: partial})
	if err != nil {
		return nil, err
	}
	b := &binding{derived: d, goNames: map[string]string{}, templateOK: true}
	if t.Kind() != reflect.Struct {
		b.templateOK = false
		return b, nil
	}
	for _, f := range fields(t) {
		b.names = append(b.names, f.name)
		b.goNames[f.name] = f.sf.Name
	}
	tmpl := reflect.New(t).Elem()
	set := false
	if !fillDefaults(tmpl, partial, &set, map[reflect.Type]bool{}) {
		b.templateOK = false
	}
	if set {
		b.template = tmpl.Interface()
	}
	return b, nil
}

// fillDefaults sets the defaults of v's scalar fields, through nested
// struct fields. It reports false when a default sits where a template
// cannot hold it (a non-scalar field, or below a pointer, slice or map).
// skipTop leaves the top level's defaults out (a patch).
func fillDefaults(v reflect.Value, skipTop bool, set *bool, seen map[reflect.Type]bool) bool {
	ok := true
	for _, f := range fields(v.Type()) {
		def, has := f.sf.Tag.Lookup("default")
		if has && !skipTop {
			fv, reachable := fieldByIndex(v, f.index)
			val, err := parseDefault(f.sf.Type, def)
			if !reachable || err != nil || !isScalar(f.sf.Type) {
				ok = false
				continue
			}
			fv.Set(reflect.ValueOf(val).Convert(f.sf.Type))
			*set = true
		}
		ft := f.sf.Type
		switch {
		case ft.Kind() == reflect.Struct && ft != timeType:
			if fv, reachable := fieldByIndex(v, f.index); reachable && !seen[ft] {
				seen[ft] = true
				ok = fillDefaults(fv, false, set, seen) && ok
				delete(seen, ft)
			}
		default:
			if hasDefaults(ft, map[reflect.Type]bool{}) {
				ok = false
			}
		}
	}
	return ok
}

// fieldByIndex is v.FieldByIndex without crossing a pointer (an embedded
// *Struct): such a field is not reachable in a template.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			return reflect.Value{}, false
		}
		v = v.Field(x)
	}
	return v, true
}

func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// hasDefaults reports whether a default tag appears anywhere in t.
func hasDefaults(t reflect.Type, seen map[reflect.Type]bool) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == timeType || seen[t] {
		return false
	}
	seen[t] = true
	for _, f := range fields(t) {
		if _, has := f.sf.Tag.Lookup("default"); has || hasDefaults(f.sf.Type, seen) {
			return true
		}
	}
	return false
}

var errInvalidBody = primitives.StatusError(400, "Invalid request body")

// source returns the JSON text to decode the validated body of r from,
// and whether to decode it over a copy of the template. It is the
// client's own text when validation coerced nothing and inserted no
// default the template does not hold; otherwise (a coerced body, a
// default in a slice element or behind a pointer, a route not in a
// checked mode) it is the validated body encoded again.
func (b *binding) source(r *primitives.Request) (raw []byte, overTemplate bool, err error) {
	if raw, defaulted := r.RawBody(); raw != nil && (!defaulted || b.templateOK) {
		return raw, defaulted && b.template != nil, nil
	}
	raw, err = json.Marshal(r.Body())
	if err != nil {
		return nil, false, errInvalidBody.Wrap(err)
	}
	return raw, false, nil
}

// present lists the top-level names the body sent, in declaration order.
func (b *binding) present(r *primitives.Request) []string {
	m, _ := r.Body().(map[string]any)
	out := make([]string, 0, len(m))
	for _, name := range b.names {
		if _, ok := m[name]; ok {
			out = append(out, name)
		}
	}
	return out
}

// checker is the validator/v10 instance of Bind, naming fields by their
// JSON names.
var checker = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(sf reflect.StructField) string {
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		switch name {
		case "-":
			return ""
		case "":
			return sf.Name
		}
		return name
	})
	return v
})

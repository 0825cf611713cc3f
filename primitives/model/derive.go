package model

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Derive returns the JSON schema of values of type t, from its json
// names and its validate, default and doc tags (see the package
// documentation for the rules). Errors are programming errors, reported
// at mount: an unsupported validate tag, a default that does not fit its
// field, a type JSON cannot carry (a channel, a func). The result is
// cached per type and Options (unless Options.Ref is set) and must not be
// modified; a *schema.Schema is immutable anyway.
func Derive(t reflect.Type, o Options) (*schema.Schema, error) {
	d, err := derive(t, o)
	if err != nil {
		return nil, err
	}
	return d.schema, nil
}

// derived is what one derivation learns about a type.
type derived struct {
	schema *schema.Schema
	cross  bool // the type has cross-field rules (validator/v10 must run)
}

type cacheKey struct {
	t                 reflect.Type
	partial, response bool
}

type cacheEntry struct {
	d   *derived
	err error
}

var cache sync.Map // cacheKey → cacheEntry

func derive(t reflect.Type, o Options) (*derived, error) {
	if t == nil {
		return nil, errors.New("model: Derive of a nil type")
	}
	key := cacheKey{t, o.Partial, o.Response}
	if o.Ref == nil {
		if e, ok := cache.Load(key); ok {
			ce := e.(cacheEntry)
			return ce.d, ce.err
		}
	}
	dr := &deriver{o: o, root: t, stack: map[reflect.Type]bool{}}
	s, err := dr.value(t, nil, "")
	var d *derived
	if err != nil {
		err = fmt.Errorf("model: %v: %w", t, err)
	} else {
		d = &derived{schema: s, cross: dr.cross}
	}
	if o.Ref == nil {
		cache.Store(key, cacheEntry{d, err})
	}
	return d, err
}

// deriver walks one type.
type deriver struct {
	o     Options
	root  reflect.Type
	stack map[reflect.Type]bool // structs being derived (recursion)
	cross bool
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
}

// value derives the schema of a value of type t under the validate rules
// rs of its level (nil: none). at names the value in errors.
func (d *deriver) value(t reflect.Type, rs *rules, at string) (*schema.Schema, error) {
	nullable := false
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
		nullable = true
	}
	s, err := d.bare(t, rs, at)
	if err != nil {
		return nil, err
	}
	if d.o.Response && (nullable || t.Kind() == reflect.Slice || t.Kind() == reflect.Map) {
		s = orNull(s)
	}
	if !d.o.Response && rs != nil {
		if s, err = d.apply(s, t, rs, at); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// orNull lets s be null too (a nil pointer, slice or map in a response).
func orNull(s *schema.Schema) *schema.Schema {
	if len(s.Keywords()) == 0 {
		return s // {} accepts null already
	}
	if t, ok := s.Get("type"); ok {
		if name, ok := t.(string); ok {
			return s.Set("type", []any{name, "null"})
		}
	}
	return schema.AnyOf(s, schema.Null())
}

func (d *deriver) bare(t reflect.Type, rs *rules, at string) (*schema.Schema, error) {
	switch {
	case t == timeType:
		return schema.String().Format("date-time"), nil
	case t == rawMessageType:
		return schema.Any(), nil
	case implements(t, jsonMarshalerType):
		if d.o.Response {
			return schema.Any(), nil
		}
		return nil, fmt.Errorf("%s: %v has its own JSON encoding, which Derive cannot see", at, t)
	case implements(t, textMarshalerType):
		return schema.String(), nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return schema.Boolean(), nil
	case reflect.Int, reflect.Int64:
		return schema.Integer(), nil
	case reflect.Int8, reflect.Int16, reflect.Int32:
		bits := t.Bits()
		return schema.Integer().Minimum(-math.Pow(2, float64(bits-1))).Maximum(math.Pow(2, float64(bits-1)) - 1), nil
	case reflect.Uint, reflect.Uint64, reflect.Uintptr:
		return schema.Integer().Minimum(0), nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return schema.Integer().Minimum(0).Maximum(math.Pow(2, float64(t.Bits())) - 1), nil
	case reflect.Float32, reflect.Float64:
		return schema.Number(), nil
	case reflect.String:
		return schema.String(), nil
	case reflect.Interface:
		return schema.Any(), nil
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return schema.String(), nil // encoding/json writes []byte as base64
		}
		var dive *rules
		if rs != nil {
			dive = rs.dive
		}
		items, err := d.value(t.Elem(), dive, at+"[]")
		if err != nil {
			return nil, err
		}
		s := schema.Array(items)
		if t.Kind() == reflect.Array && !d.o.Response {
			s = s.MinItems(t.Len()).MaxItems(t.Len())
		}
		return s, nil
	case reflect.Map:
		switch t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		default:
			if !implements(t.Key(), textMarshalerType) {
				return nil, fmt.Errorf("%s: map key type %v is not a JSON object key", at, t.Key())
			}
		}
		var dive *rules
		if rs != nil {
			dive = rs.dive
		}
		elem, err := d.value(t.Elem(), dive, at+"[]")
		if err != nil {
			return nil, err
		}
		return schema.Type("object").Set("additionalProperties", elem), nil
	case reflect.Struct:
		return d.object(t, at)
	}
	if d.o.Response {
		return schema.Any(), nil
	}
	return nil, fmt.Errorf("%s: JSON cannot carry a %v", at, t)
}

// field is one JSON property of a struct (embedded structs flattened).
type field struct {
	name  string
	index []int
	sf    reflect.StructField
	depth int
}

// fields lists t's JSON properties like encoding/json: exported fields,
// json names, "-" skipped, untagged embedded structs flattened (a
// shallower field wins over a deeper one of the same name).
func fields(t reflect.Type) []field {
	var out []field
	var walk func(t reflect.Type, index []int, depth int)
	walk = func(t reflect.Type, index []int, depth int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if sf.Anonymous && name == "" {
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct && depth < 8 {
					walk(ft, idx, depth+1)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			out = append(out, field{name: name, index: idx, sf: sf, depth: depth})
		}
	}
	walk(t, nil, 0)
	// Keep the shallowest field of each name, in declaration order.
	best := map[string]int{}
	for _, f := range out {
		if d, ok := best[f.name]; !ok || f.depth < d {
			best[f.name] = f.depth
		}
	}
	kept := out[:0:0]
	seen := map[string]bool{}
	for _, f := range out {
		if f.depth == best[f.name] && !seen[f.name] {
			seen[f.name] = true
			kept = append(kept, f)
		}
	}
	return kept
}

func jsonOptions(sf reflect.StructField) (omitempty, asString bool) {
	_, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
	for o := range strings.SplitSeq(opts, ",") {
		switch o {
		case "omitempty", "omitzero":
			omitempty = true
		case "string":
			asString = true
		}
	}
	return omitempty, asString
}

func (d *deriver) object(t reflect.Type, at string) (*schema.Schema, error) {
	if t != d.root && d.o.Ref != nil && t.Name() != "" {
		if ref := d.o.Ref(t); ref != "" {
			return schema.Any().Set("$ref", ref), nil
		}
	}
	if d.stack[t] {
		if d.o.Response {
			return schema.Any(), nil
		}
		return nil, fmt.Errorf("%s: %v contains itself; give it a name with Options.Ref", at, t)
	}
	d.stack[t] = true
	defer delete(d.stack, t)

	top := t == d.root && at == ""
	var props []schema.Property
	var required []string
	for _, f := range fields(t) {
		fat := at + "." + f.name
		if at == "" {
			fat = f.name
		}
		omitempty, asString := jsonOptions(f.sf)
		if asString {
			if d.o.Response {
				props = append(props, schema.Prop(f.name, schema.Any()))
				continue
			}
			return nil, fmt.Errorf("%s: the json \",string\" option is not supported", fat)
		}
		vtag := f.sf.Tag.Get("validate")
		if vtag == "-" {
			vtag = ""
		}
		rs, err := parseRules(vtag)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fat, err)
		}
		s, err := d.value(f.sf.Type, rs, fat)
		if err != nil {
			return nil, err
		}
		if doc := f.sf.Tag.Get("doc"); doc != "" {
			s = s.Description(doc)
		}
		def, hasDefault := f.sf.Tag.Lookup("default")
		if hasDefault && !d.o.Response && !(d.o.Partial && top) {
			v, err := parseDefault(f.sf.Type, def)
			if err != nil {
				return nil, fmt.Errorf("%s: default %q: %w", fat, def, err)
			}
			if err := checkDefault(s, v); err != nil {
				return nil, fmt.Errorf("%s: default %q: %w", fat, def, err)
			}
			s = s.Default(v)
		}
		props = append(props, schema.Prop(f.name, s))
		if d.required(f.sf, rs, omitempty, hasDefault, top) {
			required = append(required, f.name)
		}
	}
	s := schema.Object(props...)
	if len(required) > 0 {
		s = s.Required(required...)
	}
	return s.AdditionalProperties(false), nil
}

// required decides whether a field must be present (see the package
// documentation, "# Required fields").
func (d *deriver) required(sf reflect.StructField, rs *rules, omitempty, hasDefault, top bool) bool {
	if d.o.Response {
		return !omitempty
	}
	if d.o.Partial && top {
		return false
	}
	if rs.has("required") {
		return true
	}
	if hasDefault || rs.has("omitempty") || rs.has("omitnil") {
		return false
	}
	for _, r := range rs.list {
		if conditional(r.name) {
			return false
		}
	}
	k := sf.Type.Kind()
	return k != reflect.Pointer && k != reflect.Interface
}

// parseDefault reads a default tag as a value of type t.
func parseDefault(t reflect.Type, text string) (any, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		if _, err := time.Parse(time.RFC3339, text); err != nil {
			return nil, err
		}
		return text, nil
	}
	switch t.Kind() {
	case reflect.String:
		return text, nil
	case reflect.Bool:
		return strconv.ParseBool(text)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.ParseInt(text, 10, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.ParseUint(text, 10, t.Bits())
	case reflect.Float32, reflect.Float64:
		return strconv.ParseFloat(text, t.Bits())
	}
	// Anything else is written as JSON text of the field's type.
	p := reflect.New(t)
	if err := json.Unmarshal([]byte(text), p.Interface()); err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil, err
	}
	return v, nil
}

// checkDefault validates a default against its field's schema, so that a
// default outside an enum or a bound is a mount-time error.
func checkDefault(s *schema.Schema, v any) error {
	val, err := schema.Compile(schema.Request{Body: s, Mode: schema.Strict})
	if err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var decoded any
	if err := json.Unmarshal(b, &decoded); err != nil {
		return err
	}
	_, _, problems := val.Check(schema.Input{Body: decoded, HasBody: true})
	if len(problems) > 0 {
		return fmt.Errorf("the default %s", problems[0].Message)
	}
	return nil
}

package model

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Patterns of validator/v10's regular-expression rules, copied from
// validator/v10 so that the schema accepts what it accepts.
const (
	patternUUID4    = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
	patternAlpha    = "^[a-zA-Z]+$"
	patternAlphaNum = "^[a-zA-Z0-9]+$"
)

// valueKind is the JSON shape a validate rule reads its field as.
type valueKind int

const (
	kindOther valueKind = iota
	kindString
	kindInt
	kindFloat
	kindList // slice or array: items
	kindMap  // object: properties
)

func kindOf(t reflect.Type) valueKind {
	if t == timeType {
		return kindOther
	}
	switch t.Kind() {
	case reflect.String:
		return kindString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return kindInt
	case reflect.Float32, reflect.Float64:
		return kindFloat
	case reflect.Slice, reflect.Array:
		return kindList
	case reflect.Map:
		return kindMap
	}
	return kindOther
}

// apply adds the keywords of the validate rules rs (one level; "dive"
// levels were applied to the items) to s, the schema of a value of type t
// (pointers removed). A rule Derive does not know, or one that does not
// fit t, is an error: a rule is never silently dropped.
func (d *deriver) apply(s *schema.Schema, t reflect.Type, rs *rules, at string) (*schema.Schema, error) {
	k := kindOf(t)
	if rs.dive != nil && k != kindList && k != kindMap {
		return nil, fmt.Errorf("%s: \"dive\" on %v, which is not a slice or a map", at, t)
	}
	fail := func(r rule, why string) (*schema.Schema, error) {
		name := r.name
		if r.param != "" {
			name += "=" + r.param
		}
		return nil, fmt.Errorf("%s: validate rule %q %s", at, name, why)
	}
	for _, r := range rs.list {
		switch r.name {
		case "omitempty", "omitnil":
		case "required":
			if k == kindString && !s.Has("minLength") {
				s = s.MinLength(1) // validator/v10 refuses ""
			}
		case "min", "max", "len", "gt", "gte", "lt", "lte":
			var err error
			if s, err = bounds(s, k, r); err != nil {
				return fail(r, err.Error())
			}
		case "email", "url", "uuid", "uuid4", "alpha", "alphanum":
			if k != kindString {
				return fail(r, "applies to strings only")
			}
			switch r.name {
			case "email":
				s = s.Format(schema.FormatEmail)
			case "url":
				s = s.Format("uri")
			case "uuid":
				s = s.Format(schema.FormatUUID)
			case "uuid4":
				s = s.Format(schema.FormatUUID).Pattern(patternUUID4)
			case "alpha":
				s = s.Pattern(patternAlpha)
			case "alphanum":
				s = s.Pattern(patternAlphaNum)
			}
		case "oneof":
			vals := splitOneOf(r.param)
			if len(vals) == 0 {
				return fail(r, "lists no value")
			}
			enum := make([]any, len(vals))
			for i, v := range vals {
				switch k {
				case kindString:
					enum[i] = v
				case kindInt:
					n, err := strconv.ParseInt(v, 10, 64)
					if err != nil {
						return fail(r, "lists "+strconv.Quote(v)+", which is not an integer")
					}
					enum[i] = n
				default:
					return fail(r, "applies to strings and integers only")
				}
			}
			s = s.Enum(enum...)
		default:
			if crossField[r.name] {
				d.cross = true
				continue
			}
			return fail(r, "is not supported by model.Derive (see the package documentation)")
		}
	}
	return s, nil
}

// bounds applies min, max, len, gt, gte, lt and lte: lengths of strings
// (in characters, as validator/v10 counts them), sizes of slices and maps,
// values of numbers.
func bounds(s *schema.Schema, k valueKind, r rule) (*schema.Schema, error) {
	switch k {
	case kindInt, kindFloat:
		x, err := strconv.ParseFloat(r.param, 64)
		if err != nil {
			return nil, fmt.Errorf("needs a number")
		}
		switch r.name {
		case "min", "gte":
			return s.Minimum(x), nil
		case "max", "lte":
			return s.Maximum(x), nil
		case "len":
			return s.Minimum(x).Maximum(x), nil
		case "gt":
			return s.ExclusiveMinimum(x), nil
		default: // lt
			return s.ExclusiveMaximum(x), nil
		}
	case kindString, kindList, kindMap:
		n, err := strconv.Atoi(r.param)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("needs a non-negative integer")
		}
		lo, hi := sizeKeywords[k][0], sizeKeywords[k][1]
		switch r.name {
		case "min", "gte":
			return lo(s, n), nil
		case "max", "lte":
			return hi(s, n), nil
		case "len":
			return hi(lo(s, n), n), nil
		case "gt":
			return lo(s, n+1), nil
		default: // lt
			if n == 0 {
				return nil, fmt.Errorf("lt=0 accepts nothing")
			}
			return hi(s, n-1), nil
		}
	}
	return nil, fmt.Errorf("applies to strings, numbers, slices and maps only")
}

// sizeKeywords are the minimum and maximum size keywords of each kind.
var sizeKeywords = map[valueKind][2]func(*schema.Schema, int) *schema.Schema{
	kindString: {(*schema.Schema).MinLength, (*schema.Schema).MaxLength},
	kindList:   {(*schema.Schema).MinItems, (*schema.Schema).MaxItems},
	kindMap:    {(*schema.Schema).MinProperties, (*schema.Schema).MaxProperties},
}

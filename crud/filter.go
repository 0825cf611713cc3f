package crud

import (
	"regexp"
	"strconv"

	"github.com/blockyard/blockyard/primitives/schema"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// FilterKind is how a filter matches its field.
type FilterKind uint8

// The filter kinds.
const (
	// FilterExact matches records whose field equals the value; a
	// repeated parameter (?id=a&id=b) matches any of the values.
	FilterExact FilterKind = iota
	// FilterContains matches records whose string field contains the
	// value, ignoring case. The value is matched literally: regular
	// expression characters in it have no special meaning.
	FilterContains
	// FilterRange matches records whose field lies between two values,
	// both included: ?createdAtRange=from&createdAtRange=to; an empty
	// end is open (?createdAtRange=&createdAtRange=to).
	FilterRange
	// FilterOneOf matches records whose field equals the value, which
	// must be one of the filter's Values (a 400 otherwise).
	FilterOneOf
)

// Filter is one query parameter of a resource's list routes. Build one
// with Exact, Contains, Range, OneOf or Bool.
type Filter struct {
	// Name is the query parameter.
	Name string
	// Field is the record field it matches (a field of T or of Meta).
	Field string
	// Kind says how.
	Kind FilterKind
	// Values are the accepted values of a FilterOneOf.
	Values []string
}

// Exact filters on equality: ?field=value.
func Exact(field string) Filter { return Filter{Name: field, Field: field, Kind: FilterExact} }

// Contains filters on a case-insensitive substring: ?field=value.
func Contains(field string) Filter { return Filter{Name: field, Field: field, Kind: FilterContains} }

// Range filters on an inclusive range under the parameter name:
// Range("createdAtRange", "createdAt").
func Range(name, field string) Filter { return Filter{Name: name, Field: field, Kind: FilterRange} }

// OneOf filters on equality with one of values (an enum).
func OneOf(field string, values ...string) Filter {
	return Filter{Name: field, Field: field, Kind: FilterOneOf, Values: values}
}

// Bool filters a boolean field: ?field=true or ?field=false.
func Bool(field string) Filter { return OneOf(field, "true", "false") }

// maxExactValues bounds ?id=a&id=b&...
const maxExactValues = 100

// condition turns the filter's query values into a MongoDB condition on
// its field, from typed values only: the client's text never becomes an
// operator or a regular expression.
func (f *Filter) condition(kind fieldKind, values []string, loc string) (bson.E, *schema.Problem) {
	switch f.Kind {
	case FilterRange:
		if len(values) > 2 {
			return bson.E{}, &schema.Problem{Location: loc, Rule: "maxItems", Message: "must have at most 2 values (from, to)", Accepted: 2}
		}
		var cond bson.D
		for i, v := range values {
			if v == "" {
				continue
			}
			tv, p := typed(kind, v, loc)
			if p != nil {
				return bson.E{}, p
			}
			op := "$gte"
			if i == 1 {
				op = "$lte"
			}
			cond = append(cond, bson.E{Key: op, Value: tv})
		}
		if len(cond) == 0 {
			return bson.E{}, nil
		}
		return bson.E{Key: f.Field, Value: cond}, nil
	case FilterContains:
		if len(values) != 1 {
			return bson.E{}, &schema.Problem{Location: loc, Rule: "type", Message: "must be a single string", Accepted: "string"}
		}
		return bson.E{Key: f.Field, Value: bson.Regex{Pattern: regexp.QuoteMeta(values[0]), Options: "i"}}, nil
	case FilterOneOf:
		if len(values) != 1 {
			return bson.E{}, &schema.Problem{Location: loc, Rule: "type", Message: "must be a single value", Accepted: "string"}
		}
		ok := false
		for _, a := range f.Values {
			ok = ok || a == values[0]
		}
		if !ok {
			acc := make([]any, len(f.Values))
			for i, a := range f.Values {
				acc[i] = a
			}
			return bson.E{}, &schema.Problem{Location: loc, Rule: "enum", Message: "must be one of: " + join(f.Values), Accepted: acc}
		}
		tv, p := typed(kind, values[0], loc)
		if p != nil {
			return bson.E{}, p
		}
		return bson.E{Key: f.Field, Value: tv}, nil
	default: // FilterExact
		if len(values) > maxExactValues {
			return bson.E{}, &schema.Problem{Location: loc, Rule: "maxItems", Message: "must have at most " + strconv.Itoa(maxExactValues) + " values", Accepted: maxExactValues}
		}
		tvs := make(bson.A, 0, len(values))
		for _, v := range values {
			tv, p := typed(kind, v, loc)
			if p != nil {
				return bson.E{}, p
			}
			tvs = append(tvs, tv)
		}
		if len(tvs) == 1 {
			return bson.E{Key: f.Field, Value: tvs[0]}, nil
		}
		return bson.E{Key: f.Field, Value: bson.D{{Key: "$in", Value: tvs}}}, nil
	}
}

// typed reads a query value as the field's type.
func typed(kind fieldKind, v, loc string) (any, *schema.Problem) {
	switch kind {
	case kindInt:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, &schema.Problem{Location: loc, Rule: "type", Message: "must be an integer", Accepted: "integer"}
		}
		return n, nil
	case kindFloat:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, &schema.Problem{Location: loc, Rule: "type", Message: "must be a number", Accepted: "number"}
		}
		return n, nil
	case kindBool:
		switch v {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, &schema.Problem{Location: loc, Rule: "type", Message: "must be true or false", Accepted: "boolean"}
	}
	return v, nil
}

func join(vs []string) string {
	s := ""
	for i, v := range vs {
		if i > 0 {
			s += ", "
		}
		s += v
	}
	return s
}

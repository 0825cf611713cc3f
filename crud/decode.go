package crud

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/go-playground/validator/v10"
)

// validate checks T's `validate` tags; field names in its errors are the
// json names.
var validate = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(sf reflect.StructField) string {
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return sf.Name
		}
		return name
	})
	return v
}()

// checkKeys reports the keys of a data object that a client may not
// write: the resource's own fields (read-only) and unknown ones.
func (b *built[T]) checkKeys(data map[string]any, loc string) []schema.Problem {
	var ps []schema.Problem
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fd, ok := b.fields[k]
		switch {
		case ok && fd.meta:
			ps = append(ps, schema.Problem{Location: loc + "." + k, Rule: "readOnly", Message: "is written by the server, not by a client"})
		case !ok:
			ps = append(ps, schema.Problem{Location: loc + "." + k, Rule: "unknown", Message: "is not a field of " + b.res.Name})
		}
	}
	return ps
}

// decodeInto decodes the JSON text of a data object onto v (a *T: fields
// absent from the text keep their value), reporting type mismatches as
// problems under loc.
func decodeInto(text []byte, v any, loc string) []schema.Problem {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		at := loc
		if te.Field != "" {
			at += "." + te.Field
		}
		return []schema.Problem{{Location: at, Rule: "type", Message: "must be " + article(te.Type.Kind().String()), Accepted: te.Type.Kind().String()}}
	}
	return []schema.Problem{{Location: loc, Rule: "type", Message: "must be an object of the resource's fields"}}
}

func article(kind string) string {
	switch kind {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	case "bool":
		return "a boolean"
	case "string":
		return "a string"
	case "slice", "array":
		return "an array"
	}
	return "a " + kind
}

// check runs T's validate tags on v and returns the failures as problems
// under loc.
func check(v any, loc string) []schema.Problem {
	err := validate.Struct(v)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return []schema.Problem{{Location: loc, Rule: "invalid", Message: err.Error()}}
	}
	ps := make([]schema.Problem, 0, len(ves))
	for _, fe := range ves {
		ns := fe.Namespace()
		if _, rest, ok := strings.Cut(ns, "."); ok {
			ns = rest
		}
		ps = append(ps, problemOf(fe, loc+"."+ns))
	}
	return ps
}

// problemOf words one validator/v10 failure.
func problemOf(fe validator.FieldError, loc string) schema.Problem {
	p := schema.Problem{Location: loc, Rule: fe.Tag()}
	param := fe.Param()
	isString := fe.Kind() == reflect.String
	switch fe.Tag() {
	case "required":
		p.Message = "is required"
	case "max", "lte":
		p.Rule, p.Accepted = "maximum", param
		p.Message = "must be at most " + param
		if isString {
			p.Rule, p.Message = "maxLength", "must be at most "+param+" characters"
		} else if fe.Kind() == reflect.Slice {
			p.Rule, p.Message = "maxItems", "must have at most "+param+" items"
		}
	case "min", "gte":
		p.Rule, p.Accepted = "minimum", param
		p.Message = "must be at least " + param
		if isString {
			p.Rule, p.Message = "minLength", "must be at least "+param+" characters"
		} else if fe.Kind() == reflect.Slice {
			p.Rule, p.Message = "minItems", "must have at least "+param+" items"
		}
	case "oneof":
		vals := strings.Fields(param)
		acc := make([]any, len(vals))
		for i, v := range vals {
			acc[i] = v
		}
		p.Rule, p.Accepted, p.Message = "enum", acc, "must be one of: "+strings.Join(vals, ", ")
	case "email", "url", "uuid", "uuid4", "uri", "hostname", "ip", "datetime":
		p.Rule, p.Accepted, p.Message = "format", fe.Tag(), "must be a valid "+fe.Tag()
	default:
		p.Message = "fails the rule " + fe.Tag()
		if param != "" {
			p.Message += "=" + param
			p.Accepted = param
		}
	}
	return p
}

// errValidation is the field-named 400 of problems.
func errValidation(ps []schema.Problem) error { return primitives.ValidationProblems(ps) }

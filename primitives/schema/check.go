package schema

import (
	"errors"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Mode returns the Request's Mode the Validator was compiled with.
func (v *Validator) Mode() Mode { return v.mode }

// Changes says how Check changed a body.
type Changes uint8

const (
	// Defaulted: defaults were inserted (or values coerced).
	Defaulted Changes = 1 << iota
	// Coerced: a scalar was coerced (Coerce mode only).
	Coerced
)

// Check validates a request in the Strict or Coerce mode and returns the
// body the handler must see (defaults inserted, and in Coerce mode
// scalars coerced), how it differs from in.Body, and the problems found,
// in a stable order:
// unknown query parameters, then each declared parameter in declaration
// order, then the body's problems in the order its schema declares its
// properties (array items by index, undeclared keys by name).
// len(problems) == 0 means valid.
//
// Path and query values are strings on the wire: they are coerced to
// their declared scalar type in both modes, and checked, but not changed
// (the handler reads the strings). Every query parameter the route does
// not declare is an "unknown" problem, whether or not it declares any.
//
// On a Validator compiled in the AJV mode, Check reports each AJV message
// as a problem at location "request" with rule "ajv".
func (v *Validator) Check(in Input) (body any, changes Changes, problems []Problem) {
	if v.mode == AJV {
		body, msgs := v.Validate(in)
		for _, m := range msgs {
			problems = append(problems, Problem{Location: "request", Rule: "ajv", Message: m})
		}
		return body, 0, problems
	}
	q := parseInputQuery(in)
	for _, k := range q.keys {
		if !v.queryNames[k] {
			problems = append(problems, Problem{Location: "query" + locationKey(k), Rule: RuleUnknown, Message: "is not allowed"})
		}
	}
	for i := range v.params {
		p := &v.params[i]
		var val any
		present := false
		switch p.in {
		case Path:
			if in.Path != nil {
				if s := in.Path.PathValue(p.name); s != "" {
					val, present = s, true
				}
			}
		case Query:
			val, present = q.vals[p.name]
		}
		loc := string(p.in) + locationKey(p.name)
		if !present {
			if p.required {
				problems = append(problems, Problem{Location: loc, Rule: "required", Message: "is required"})
			}
			continue
		}
		if p.checked != nil {
			val, _, _ = p.checked.prep.apply(val) // coerce a copy: the handler reads the strings
			problems = p.checked.check(problems, loc, val)
		}
	}
	body = in.Body
	if in.HasBody {
		if body == nil {
			body = map[string]any{}
		}
		if c := v.checkedBody; c != nil {
			var changed, coerced bool
			body, changed, coerced = c.prep.apply(body)
			if changed {
				changes |= Defaulted
			}
			if coerced {
				changes |= Coerced
			}
			problems = c.check(problems, "body", body)
		}
	}
	return body, changes, problems
}

// check validates val (already prepared) and appends its problems, in
// declaration order, located below loc.
func (c *checked) check(problems []Problem, loc string, val any) []Problem {
	err := c.js.Validate(val)
	if err == nil {
		return problems
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return append(problems, Problem{Location: loc, Rule: "invalid", Message: err.Error()})
	}
	var found []located
	collectProblems(&found, verr, val)
	for i := range found {
		found[i].key = orderKey(c.schema, val, found[i])
	}
	slices.SortStableFunc(found, func(a, b located) int { return compareKeys(a.key, b.key) })
	for _, f := range found {
		p := f.problem
		p.Location = loc + formatLocation(val, f.at) + p.Location
		problems = append(problems, p)
	}
	return problems
}

// ReadsJSONBody reports whether the validator checks a JSON body in the
// Strict or Coerce mode: the modes in which a body sent with another
// content type is refused (415) rather than read as {} the way the
// reference's body parser does.
func (v *Validator) ReadsJSONBody() bool { return v.checkedBody != nil }

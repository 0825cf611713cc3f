// Package model derives a route's JSON schema from a Go struct, so that a
// model is written once: its json names, its validator/v10 validate tags
// and its default and doc tags give the schema that validates a request
// body (Body, PatchBody), the typed value the handler binds (Bind,
// BindPatch) and the schema of what a route answers (Derive with
// Options.Response, for API documents and response checks).
//
//	type NewNote struct {
//		Title  string   `json:"title" validate:"min=1,max=200" doc:"Shown in lists."`
//		Status string   `json:"status" validate:"oneof=draft published" default:"draft"`
//		Tags   []string `json:"tags,omitempty" validate:"omitempty,max=10,dive,min=1"`
//	}
//
//	var CreateNote = primitives.Route{
//		Method: http.MethodPost, Path: "/notes",
//		Schema: model.Body[NewNote](),
//		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Note] {
//			return primitives.Then(model.Bind[NewNote](r), insertNote)
//		}, terminators.JSON(http.StatusCreated, nil)),
//	}
//
// The schema is derived once per type, when the route table is built, and
// cached; a request pays for JSON decoding and schema validation only
// (validator/v10 runs only for a type with cross-field rules, see below).
//
// # Problems that name the field
//
// Body and PatchBody read the body in schema.Strict mode: a string where a
// number is declared is refused, and a refused request is a 400
// "Validation Error" whose data lists one schema.Problem per failure, in
// the struct's declaration order:
//
//	{"location": "body.lines[2].unit", "rule": "enum",
//	 "message": "must be one of: kg, lb", "accepted": ["kg", "lb"]}
//
// Every query parameter the route does not declare is a problem (rule
// "unknown"), whether or not it declares any; so is every body field the
// struct does not declare (objects get additionalProperties: false). Path
// and query values are checked after coercion from their string form (a
// query string has no numbers). For AJV-style coercion of the body with
// the same problems, copy the request and set Mode to schema.Coerce.
//
// # Required fields
//
// In a request body a field must be present when its validate tag has
// "required", or when it is none of: a pointer, an interface, a field
// whose validate tag has omitempty or omitnil, a field with a default tag,
// a field with a conditional rule (required_if, required_with,
// excluded_unless, ... which validator/v10 decides). In short: a plain
// value field is required unless it says otherwise. A pointer field, when
// present, must hold a value (null is refused). "required" on a string
// also refuses "" (minLength 1), as validator/v10 does.
//
// With Options.Partial (PatchBody) no top-level field is required and no
// top-level default applies: the body names exactly the fields to change.
// A nested object or array element is replaced whole, so its own rules
// (required fields, defaults) still apply.
//
// With Options.Response a field is required unless its json tag has
// omitempty (or omitzero), since encoding/json writes it; a pointer,
// slice or map may be null; validate and default tags are ignored.
//
// # Tags
//
// The validate rules that become schema keywords:
//
//	rule                  string            number                      slice, array, map
//	min=n, gte=n          minLength         minimum                     minItems / minProperties
//	max=n, lte=n          maxLength         maximum                     maxItems / maxProperties
//	len=n                 min and max       minimum and maximum         min and max
//	gt=n, lt=n            n+1, n-1          exclusiveMinimum/Maximum    n+1, n-1
//	oneof=a b 'c d'       enum              enum (integers only)        -
//	email, url            format email, uri
//	uuid, uuid4           format uuid (uuid4 also a version-4 pattern)
//	alpha, alphanum       pattern (validator/v10's)
//	required, omitempty, omitnil   see Required fields
//	dive                  the rules after it apply to the elements (or map values)
//
// Integer fields are "integer" (int8 … uint32 also get their range, and
// unsigned ones minimum 0), floats "number", time.Time a "date-time"
// string, []byte a (base64) string, a map an object whose
// additionalProperties is the value's schema, an interface {}. Nested
// structs are inlined (or referenced, with Options.Ref); untagged
// embedded structs are flattened as encoding/json does. The tag
// default:"..." gives "default" (the text is parsed as the field's type,
// JSON for composite types, and must pass the field's own rules); doc:"..."
// gives "description".
//
// A rule Derive cannot state is an error when the route table is built,
// never silently dropped: an unknown rule, alternatives ("a|b"),
// keys/endkeys, a rule on a kind it does not fit, a json ",string" field,
// a channel or func, a struct that contains itself (without Options.Ref).
// The exception is validator/v10's cross-field rules (eqfield, nefield,
// gtfield, ltefield, fieldcontains, required_if, required_with,
// excluded_with, skip_unless, ...): the schema cannot state them, so Bind
// runs validator/v10 on the decoded value of a type that has any, and
// reports its failures as problems with the rule's tag (location
// "body.confirm", rule "eqfield").
//
// # Exceptions
//
// The schema and validator/v10 accept the same bodies for every rule above
// (TestSchemaAgreesWithValidator and FuzzSchemaAgreesWithValidator check
// it), except:
//
//   - A field that is absent: the schema requires a plain value field,
//     validator/v10 cannot tell it from its zero value.
//   - omitempty on a present zero value: validator/v10 skips the rules of
//     "" or 0, the schema checks a present value (omitempty,min=3 refuses
//     ""). Absent is how a client leaves the field out.
//   - null for a pointer field: refused by the schema, nil for
//     validator/v10.
//   - "required" on a number or a bool means present: the schema accepts
//     0 and false, validator/v10 does not.
//   - url: the schema's "uri" accepts a scheme without a host
//     ("https://"). uuid: the schema accepts a "urn:uuid:" prefix.
//   - email: the schema uses the reference's (ajv-formats) expression,
//     validator/v10 its own; they agree on ordinary addresses.
//   - Nested structs in a slice are always checked by the schema;
//     validator/v10 needs "dive" for that.
//
// # Binding
//
// Bind decodes the request's JSON text once into T (over a copy of a
// template holding the defaults, when defaults were inserted in plain
// fields), instead of re-encoding the decoded body as primitives.Bind
// does; it falls back to that round trip when the body was coerced or a
// default sits in a slice element or behind a pointer. A number the schema
// calls an integer but written with a fraction part (1.0) does not decode
// into a Go int: that body is a 400 "Invalid request body".
//
// BindPatch returns a Patch: the value and the top-level JSON names the
// body sent (Fields), which is what a partial update writes.
package model

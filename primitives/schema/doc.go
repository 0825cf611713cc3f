// Package schema validates HTTP requests the way the Node reference's
// withSchema does: AJV 8 with allErrors, coerceTypes and
// useDefaults, the default schema hardening, the queryFilter keyword and
// AJV's exact messages in AJV's order.
//
// A route declares its parameters and body schema in a Request and compiles
// it once, at mount time:
//
//	v := schema.MustCompile(schema.Request{
//		Params: []schema.Param{
//			{Name: "organizationId", In: schema.Path, Schema: schema.String()},
//			{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
//		},
//		Body: schema.Object(schema.Prop("name", schema.String().MinLength(1))).Required("name"),
//	})
//
// and validates each request with Validate, which returns the coerced body
// the handler must use and the messages of the 400 "Validation Error"
// response (none when the request is valid).
//
// Schemas are *Schema values that keep the declaration order of keywords
// and properties (AJV reports property errors in declaration order). Write
// them with the builder (String, Object, Prop, OneOf, ...) or as JSON text
// with Parse.
//
// # How validation works
//
// Compile applies Harden (additionalProperties:false and queryFilter on
// every object schema), checks the hardened schema against the draft-07
// meta-schema with github.com/santhosh-tekuri/jsonschema/v6 and compiles the
// assertion keywords of every schema object (required, minLength, pattern,
// format, enum, minimum, additionalProperties, ...) into small jsonschema/v6
// schemas. At request time a walker visits the schema tree in AJV 8's
// keyword order, coerces scalars like AJV's coerceTypes (copy-on-write, the
// caller's value is never modified), inserts defaults, evaluates the
// composites (oneOf, anyOf, allOf, not) with AJV's error bookkeeping, asks
// jsonschema/v6 to evaluate each visited node's assertions and turns the
// resulting error kinds into AJV's messages.
//
// # Free-form objects
//
// A free-form object (additionalProperties: true) accepts any keys and
// values. FreeForm bounds one with three keywords of Blockyard's own, not
// in the reference: deepPropertyNames (a schema for every key at any
// depth, e.g. the names a database stores), maxDepth and maxJSONBytes.
// They report AJV-style messages ("property name must be valid", "must NOT
// be nested deeper than 16 levels"); see freeform.go.
//
// Query strings are parsed with the rules of Express 4's "extended" (qs)
// parser, so "?name[$regex]=x" is an object and "?name=a&name=b" an array.
package schema

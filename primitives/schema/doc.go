// Package schema validates the inputs of an HTTP request (path parameters,
// query string and JSON body) against JSON Schema, coerces them, and
// reports failures as the exact, ordered messages of AJV 8, the validator
// of the Node services Blockyard answers like. A client that parses those
// messages sees no difference between the two backends.
//
// # Declaring a request
//
// A route declares its parameters and body schema in a [Request] and
// compiles it once, at mount time:
//
//	v := schema.MustCompile(schema.Request{
//		Params: []schema.Param{
//			{Name: "orderId", In: schema.Path, Schema: schema.String()},
//			{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
//		},
//		Body: schema.Object(schema.Prop("name", schema.String().MinLength(1))).Required("name"),
//	})
//
// and validates each request with [Validator.Validate], which returns the
// coerced body the handler must use and the messages of the 400
// "Validation Error" response (none when the request is valid). A route of
// package primitives does both for you: set its Schema field.
//
// Schemas are [*Schema] values that keep the declaration order of keywords
// and properties (AJV reports property errors in declaration order). Write
// them with the builder ([String], [Object], [Prop], [OneOf], ...) or as
// JSON text with [Parse].
//
// # How validation works
//
// AJV runs with allErrors, coerceTypes and useDefaults, so this package
// does too. [Compile] applies [Harden] (additionalProperties:false and
// queryFilter on every object schema), checks the hardened schema against
// the draft-07 meta-schema with github.com/santhosh-tekuri/jsonschema/v6
// and compiles the assertion keywords of every schema object (required,
// minLength, pattern, format, enum, minimum, additionalProperties, ...)
// into small jsonschema/v6 schemas. At request time a walker visits the
// schema tree in AJV 8's keyword order, coerces scalars like AJV's
// coerceTypes (copy-on-write, the caller's value is never modified),
// inserts defaults, evaluates the composites (oneOf, anyOf, allOf, not)
// with AJV's error bookkeeping, asks jsonschema/v6 to evaluate each
// visited node's assertions and turns the resulting error kinds into AJV's
// messages. Compiling once and walking a prepared tree keeps reflection
// and schema parsing off the request path.
//
// # Modes: AJV, Strict, Coerce
//
// A Request's Mode chooses how it reads inputs and reports failures. The
// zero value, AJV, is all of the above: the reference's coercion and its
// exact messages, for the reference's features. Strict and Coerce are for
// new features (package primitives/model derives such requests from Go
// structs): [Validator.Check] reports a [Problem] per failure, naming the
// value ("body.lines[2].unit", "query.limit", "path.id"), the rule
// broken and what is accepted, in the schema's declaration order. The
// hardened schema is then compiled whole by jsonschema/v6, which reports
// instance locations and error kinds; a small prepared tree inserts
// defaults first and, in Coerce mode, coerces body scalars with AJV's
// rules (Strict refuses "7" for a number). Path and query values are
// always coerced from their string form. The rule for query parameters
// differs from the reference's: in Strict and Coerce modes every query
// parameter the route does not declare is an "unknown" problem, whether
// or not it declares any, so a misspelled ?limt=5 never passes silently
// (a route without a Schema checks no query at all: give a list route
// one, e.g. model.Paged). A route of package primitives whose Strict or
// Coerce schema has a body answers 415 "Content-Type must be
// application/json" to a body of another content type, which the AJV
// mode, like the reference's body parser, reads as {}.
// A body property whose schema has "readOnly": true ([Schema.ReadOnly]) is
// the server's: Strict and Coerce refuse a body that sends it, whatever
// its value, with one problem of rule "readOnly" ("is set by the server"),
// and never default or coerce it; the AJV mode reads readOnly as the
// annotation it is (the reference's behaviour).
// Blockyard's free-form keywords (below) are AJV-mode only and are
// refused by Compile in the other modes.
//
// # Free-form objects
//
// A free-form object (additionalProperties: true) accepts any keys and
// values. [FreeForm] bounds one with three keywords of Blockyard's own:
// deepPropertyNames (a schema for every key at any depth, e.g. the names a
// database stores), maxDepth and maxJSONBytes. They report AJV-style
// messages ("property name must be valid", "must NOT be nested deeper than
// 16 levels"); see freeform.go.
//
// # Query strings
//
// Query strings are parsed with the rules of Express 4's "extended" (qs)
// parser ([ParseQueryString]), so "?name[$regex]=x" is an object and
// "?name=a&name=b" an array. The queryFilter keyword that Harden adds to
// every object schema refuses objects whose keys are MongoDB operators
// outside a safe list, or prototype names ([IsSafeQueryFilter]), so such a
// value never reaches a database filter; a schema that expects a string
// refuses an object anyway.
package schema

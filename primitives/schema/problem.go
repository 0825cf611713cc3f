package schema

// Problem is one thing wrong with a request, in the Strict and Coerce
// modes: where it is, which rule it breaks, a sentence for a human, and
// what would have been accepted. A client can show Message next to the
// form field named by Location, or build its own text from Rule and
// Accepted.
type Problem struct {
	// Location names the value: "body" (the whole body), "body.email",
	// "body.lines[2].unit", "query.limit", "path.id". Object keys that
	// are not plain identifiers are written as ["a key"].
	Location string `json:"location"`
	// Rule is the JSON Schema keyword that failed ("required", "type",
	// "enum", "minLength", "maxLength", "minimum", "maximum",
	// "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
	// "format", "pattern", ...), "unknown" for a field or query parameter
	// the route does not declare, or a validator/v10 tag ("eqfield", ...)
	// for a cross-field rule checked after decoding.
	Rule string `json:"rule"`
	// Message is a short English sentence without the location: "is
	// required", "must be one of: kg, lb", "must be at most 50
	// characters".
	Message string `json:"message"`
	// Accepted is what the rule accepts, when it says: the enum's values
	// ([]any), a bound (a number), a format's name, the declared type(s).
	Accepted any `json:"accepted,omitempty"`
}

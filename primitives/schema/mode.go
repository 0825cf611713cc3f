package schema

// Mode says how a Request reads its inputs and how it reports what is
// wrong with them. The zero value, AJV, is the reference's behaviour; new
// features use Strict.
type Mode uint8

const (
	// AJV coerces like the reference's AJV (coerceTypes: "123" is a
	// number where one is declared) and reports AJV 8's messages, byte
	// for byte ("request body must have required property 'name'"). Every
	// reference feature uses it; use Validator.Validate.
	AJV Mode = iota
	// Strict reads the body as sent: a string where a number is declared
	// is a "type" problem. Path and query values, which are strings on the
	// wire, are still coerced to their declared scalar type. Problems name
	// their field (see Problem); use Validator.Check.
	Strict
	// Coerce coerces the body like AJV and reports field-named Problems;
	// use Validator.Check.
	Coerce
)

// String returns "ajv", "strict" or "coerce".
func (m Mode) String() string {
	switch m {
	case AJV:
		return "ajv"
	case Strict:
		return "strict"
	case Coerce:
		return "coerce"
	}
	return "mode(?)"
}

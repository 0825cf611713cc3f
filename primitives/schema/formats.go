package schema

import (
	"regexp"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Format names with the reference's (ajv-formats "full") definitions.
const (
	FormatEmail = "email"
	FormatUUID  = "uuid"
)

// The ajv-formats "full" regular expressions. They carry
// the JavaScript "i" flag; the letter ranges are spelled out instead of using
// Go's (?i), whose Unicode case folding would also accept the Kelvin sign
// (U+212A) and long s (U+017F), which JavaScript's non-Unicode "i" does not.
var (
	emailRe = regexp.MustCompile("^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*" +
		"@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$")
	uuidRe = regexp.MustCompile("^(?:[uU][rR][nN]:[uU][uU][iI][dD]:)?[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
)

// IsEmail reports whether s matches the reference's "email" format.
func IsEmail(s string) bool { return emailRe.MatchString(s) }

// IsUUID reports whether s matches the reference's "uuid" format (any
// version, optional "urn:uuid:" prefix, case-insensitive).
func IsUUID(s string) bool { return uuidRe.MatchString(s) }

// errFormat is the (unused) detail of a format failure; the message the
// client sees is `must match format "<name>"`.
type errFormat string

func (e errFormat) Error() string { return "does not match format " + string(e) }

func stringFormat(name string, match func(string) bool) *jsonschema.Format {
	return &jsonschema.Format{Name: name, Validate: func(v any) error {
		// ajv-formats formats only apply to strings.
		if s, ok := v.(string); ok && !match(s) {
			return errFormat(name)
		}
		return nil
	}}
}

// knownFormats are the format names Compile accepts: the two reference
// formats above, plus the formats that exist both in ajv-formats and in
// jsonschema/v6 (validated with jsonschema/v6's definitions). AJV in strict
// mode rejects unknown formats, so Compile does too.
var knownFormats = map[string]bool{
	FormatEmail: true, FormatUUID: true,
	"date": true, "time": true, "date-time": true, "duration": true,
	"uri": true, "uri-reference": true, "uri-template": true,
	"hostname": true, "ipv4": true, "ipv6": true, "regex": true,
	"json-pointer": true, "relative-json-pointer": true,
}

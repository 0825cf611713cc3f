package openapi

import (
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ecmaRegexp compiles a schema's pattern, written in ECMA-262 syntax as
// JSON Schema says, with Go's engine: the \uXXXX escapes, which Go spells
// \x{XXXX}, are the ones Blockyard's schemas use.
func ecmaRegexp(src string) (jsonschema.Regexp, error) {
	return regexp.Compile(GoPattern(src))
}

// GoPattern rewrites the \uXXXX escapes of an ECMA-262 pattern as Go's
// \x{XXXX}, for a tool that checks the document's patterns with Go's
// regexp package.
func GoPattern(src string) string {
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		if src[i] == '\\' && i+1 < len(src) {
			if src[i+1] == 'u' && i+5 < len(src) {
				b.WriteString(`\x{` + src[i+2:i+6] + `}`)
				i += 5
				continue
			}
			b.WriteString(src[i : i+2])
			i++
			continue
		}
		b.WriteByte(src[i])
	}
	return b.String()
}

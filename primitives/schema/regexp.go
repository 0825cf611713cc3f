package schema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// JavaScript regular expressions for "pattern" and "patternProperties".
//
// AJV compiles patterns with JavaScript's RegExp (flag "u"); Go's regexp is
// RE2. compileJSRegexp translates the differences that matter for schema
// patterns and reports the rest as compile errors (programming errors):
//   - "." does not match line terminators (\n \r U+2028 U+2029);
//   - \s and \S use JavaScript's white-space set;
//   - \uXXXX, \u{X...}, \cX and \0 escapes; identity escapes such as \/;
//   - [^] (any character) and [] (nothing);
//   - leading look-ahead assertions, "^(?=...)(?!...)rest", the usual form of
//     password policies, are evaluated as separate anchored matches at
//     position 0. Other look-arounds and back references are not supported.

// jsSpaceClass is the body of a class matching JavaScript's \s.
const jsSpaceClass = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

type jsRegexp struct {
	src   string
	main  *regexp.Regexp
	ahead []lookahead
}

type lookahead struct {
	re     *regexp.Regexp
	negate bool
}

// MatchString implements jsonschema.Regexp.
func (r *jsRegexp) MatchString(s string) bool {
	for _, la := range r.ahead {
		if la.re.MatchString(s) == la.negate {
			return false
		}
	}
	return r.main.MatchString(s)
}

// String returns the JavaScript source of the pattern.
func (r *jsRegexp) String() string { return r.src }

// compileJSRegexp is the jsonschema/v6 RegexpEngine used by Compile.
func compileJSRegexp(src string) (jsonschema.Regexp, error) {
	re, err := newJSRegexp(src)
	if err != nil {
		return nil, err
	}
	return re, nil
}

func newJSRegexp(src string) (*jsRegexp, error) {
	r := &jsRegexp{src: src}
	rest := src
	if strings.HasPrefix(rest, "^(?=") || strings.HasPrefix(rest, "^(?!") {
		rest = rest[1:]
		for strings.HasPrefix(rest, "(?=") || strings.HasPrefix(rest, "(?!") {
			end := groupEnd(rest)
			if end < 0 {
				return nil, fmt.Errorf("pattern %q: unterminated group", src)
			}
			body, err := translateJSRegexp(rest[3:end])
			if err != nil {
				return nil, fmt.Errorf("pattern %q: %w", src, err)
			}
			re, err := regexp.Compile("^(?:" + body + ")")
			if err != nil {
				return nil, fmt.Errorf("pattern %q: %w", src, err)
			}
			r.ahead = append(r.ahead, lookahead{re: re, negate: rest[2] == '!'})
			rest = rest[end+1:]
		}
		rest = "^" + rest
	}
	body, err := translateJSRegexp(rest)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", src, err)
	}
	if r.main, err = regexp.Compile(body); err != nil {
		return nil, fmt.Errorf("pattern %q: %w", src, err)
	}
	return r, nil
}

// groupEnd returns the index of the ')' closing the group that starts at
// s[0] == '(', skipping escapes and character classes; -1 if unbalanced.
func groupEnd(s string) int {
	depth, inClass := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// translateJSRegexp rewrites JavaScript regexp syntax into RE2 syntax.
func translateJSRegexp(src string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\':
			if i+1 >= len(src) {
				return "", fmt.Errorf("\\ at end of pattern")
			}
			n, err := translateEscape(&b, src, i+1, inClass)
			if err != nil {
				return "", err
			}
			i = n - 1
		case inClass:
			if c == ']' {
				inClass = false
			} else if c == '[' {
				b.WriteString(`\[`)
				continue
			}
			b.WriteByte(c)
		case c == '[':
			switch {
			case strings.HasPrefix(src[i:], "[^]"):
				b.WriteString(`[\x{0}-\x{10FFFF}]`)
				i += 2
			case strings.HasPrefix(src[i:], "[]"):
				b.WriteString(`[^\x{0}-\x{10FFFF}]`)
				i++
			default:
				inClass = true
				b.WriteByte(c)
				if i+1 < len(src) && src[i+1] == '^' {
					b.WriteByte('^')
					i++
				}
				// A leading ']' is literal in RE2 but closes an empty class
				// in JavaScript; the empty cases are handled above.
			}
		case c == '.':
			b.WriteString(`[^\n\r\x{2028}\x{2029}]`)
		case c == '(' && strings.HasPrefix(src[i:], "(?") &&
			!strings.HasPrefix(src[i:], "(?:") && !isNamedGroup(src[i:]):
			return "", fmt.Errorf("look-around assertions are not supported here")
		default:
			b.WriteByte(c)
		}
	}
	if inClass {
		return "", fmt.Errorf("unterminated character class")
	}
	return b.String(), nil
}

func isNamedGroup(s string) bool {
	return strings.HasPrefix(s, "(?<") && !strings.HasPrefix(s, "(?<=") && !strings.HasPrefix(s, "(?<!")
}

// translateEscape writes the RE2 form of the escape whose letter is at
// src[i] and returns the index after the escape.
func translateEscape(b *strings.Builder, src string, i int, inClass bool) (int, error) {
	e := src[i]
	switch e {
	case 'd', 'D', 'w', 'W', 't', 'n', 'r', 'f', 'v':
		b.WriteByte('\\')
		b.WriteByte(e)
	case 'b', 'B':
		if inClass {
			if e == 'B' {
				return 0, fmt.Errorf(`\B in a character class`)
			}
			b.WriteString(`\x08`)
		} else {
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	case 's':
		if inClass {
			b.WriteString(jsSpaceClass)
		} else {
			b.WriteString("[" + jsSpaceClass + "]")
		}
	case 'S':
		if inClass {
			b.WriteString(`\S`) // RE2's ASCII \S; differs only for Unicode spaces
		} else {
			b.WriteString("[^" + jsSpaceClass + "]")
		}
	case 'u':
		if i+1 < len(src) && src[i+1] == '{' {
			end := strings.IndexByte(src[i:], '}')
			if end > 0 {
				if _, err := strconv.ParseUint(src[i+2:i+end], 16, 32); err == nil {
					b.WriteString(`\x{` + src[i+2:i+end] + `}`)
					return i + end + 1, nil
				}
			}
		}
		if i+5 <= len(src) {
			if _, err := strconv.ParseUint(src[i+1:i+5], 16, 32); err == nil {
				b.WriteString(`\x{` + src[i+1:i+5] + `}`)
				return i + 5, nil
			}
		}
		b.WriteByte('u')
	case 'x':
		if i+3 <= len(src) {
			if _, err := strconv.ParseUint(src[i+1:i+3], 16, 32); err == nil {
				b.WriteString(`\x` + src[i+1:i+3])
				return i + 3, nil
			}
		}
		b.WriteByte('x')
	case 'c':
		if i+1 < len(src) {
			if l := src[i+1]; (l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z') {
				fmt.Fprintf(b, `\x{%x}`, l%32)
				return i + 2, nil
			}
		}
		b.WriteString(`\\c`)
	case '0':
		if i+1 < len(src) && isDigit(src[i+1]) {
			return 0, fmt.Errorf("octal escapes are not supported")
		}
		b.WriteString(`\x00`)
	case '1', '2', '3', '4', '5', '6', '7', '8', '9', 'k':
		return 0, fmt.Errorf("back references are not supported")
	default:
		r, size := decodeRune(src[i:])
		b.WriteString(regexp.QuoteMeta(string(r)))
		return i + size, nil
	}
	return i + 1, nil
}

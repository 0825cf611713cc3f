package schema

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Rules of Problems that are not JSON Schema keywords.
const (
	// RuleUnknown is a body field or query parameter the route does not
	// declare.
	RuleUnknown = "unknown"
)

// located is a problem found by jsonschema/v6 at an instance location.
// problem.Location holds what follows that location (".name" for a
// missing or unknown property).
type located struct {
	at      []string
	problem Problem
	key     []keyPart
}

// collectProblems turns the leaves of a jsonschema/v6 error tree into
// problems. oneOf and anyOf failures are one problem at their location
// (which branch was meant is not known).
func collectProblems(out *[]located, e *jsonschema.ValidationError, root any) {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.AllOf, *kind.Reference:
		for _, c := range e.Causes {
			collectProblems(out, c, root)
		}
		return
	case *kind.Required:
		for _, name := range k.Missing {
			*out = append(*out, located{at: e.InstanceLocation, problem: Problem{Location: locationKey(name), Rule: "required", Message: "is required"}})
		}
		return
	case *kind.AdditionalProperties:
		names := append([]string(nil), k.Properties...)
		sort.Strings(names)
		for _, name := range names {
			*out = append(*out, located{at: e.InstanceLocation, problem: Problem{Location: locationKey(name), Rule: RuleUnknown, Message: "is not allowed"}})
		}
		return
	}
	*out = append(*out, located{at: e.InstanceLocation, problem: problemOf(e.ErrorKind)})
}

// problemOf describes one failed keyword.
func problemOf(k jsonschema.ErrorKind) Problem {
	switch k := k.(type) {
	case *kind.Type:
		p := Problem{Rule: "type", Message: "must be " + typeWords(k.Want)}
		if len(k.Want) == 1 {
			p.Accepted = k.Want[0]
		} else {
			p.Accepted = k.Want
		}
		return p
	case *kind.Enum:
		words := make([]string, len(k.Want))
		for i, w := range k.Want {
			words[i] = valueWord(w)
		}
		return Problem{Rule: "enum", Message: "must be one of: " + strings.Join(words, ", "), Accepted: k.Want}
	case *kind.Const:
		return Problem{Rule: "const", Message: "must be " + valueWord(k.Want), Accepted: k.Want}
	case *kind.Format:
		return Problem{Rule: "format", Message: formatWords(k.Want), Accepted: k.Want}
	case *kind.Pattern:
		return Problem{Rule: "pattern", Message: `must match the pattern "` + k.Want + `"`, Accepted: k.Want}
	case *kind.MinLength:
		return Problem{Rule: "minLength", Message: "must be at least " + count(k.Want, "character"), Accepted: k.Want}
	case *kind.MaxLength:
		return Problem{Rule: "maxLength", Message: "must be at most " + count(k.Want, "character"), Accepted: k.Want}
	case *kind.MinItems:
		return Problem{Rule: "minItems", Message: "must have at least " + count(k.Want, "item"), Accepted: k.Want}
	case *kind.MaxItems:
		return Problem{Rule: "maxItems", Message: "must have at most " + count(k.Want, "item"), Accepted: k.Want}
	case *kind.MinProperties:
		return Problem{Rule: "minProperties", Message: "must have at least " + count(k.Want, "property"), Accepted: k.Want}
	case *kind.MaxProperties:
		return Problem{Rule: "maxProperties", Message: "must have at most " + count(k.Want, "property"), Accepted: k.Want}
	case *kind.UniqueItems:
		return Problem{Rule: "uniqueItems", Message: fmt.Sprintf("must not repeat items (items %d and %d are equal)", k.Duplicates[0], k.Duplicates[1])}
	case *kind.Minimum:
		return bound("minimum", ">=", k.Want)
	case *kind.Maximum:
		return bound("maximum", "<=", k.Want)
	case *kind.ExclusiveMinimum:
		return bound("exclusiveMinimum", ">", k.Want)
	case *kind.ExclusiveMaximum:
		return bound("exclusiveMaximum", "<", k.Want)
	case *kind.MultipleOf:
		p := bound("multipleOf", "", k.Want)
		p.Message = "must be a multiple of " + ratString(k.Want)
		return p
	case *kind.OneOf:
		return Problem{Rule: "oneOf", Message: "must match exactly one of the allowed shapes"}
	case *kind.AnyOf:
		return Problem{Rule: "anyOf", Message: "must match one of the allowed shapes"}
	case *kind.Not:
		return Problem{Rule: "not", Message: "must not match the excluded shape"}
	case queryFilterKind:
		return Problem{Rule: KeywordQueryFilter, Message: MsgInvalidQueryFilter}
	}
	rule := "invalid"
	if path := k.KeywordPath(); len(path) > 0 {
		rule = path[len(path)-1]
	}
	return Problem{Rule: rule, Message: k.LocalizedString(message.NewPrinter(language.English))}
}

func bound(rule, op string, want *big.Rat) Problem {
	p := Problem{Rule: rule, Message: "must be " + op + " " + ratString(want)}
	if want.IsInt() && want.Num().IsInt64() {
		p.Accepted = want.Num().Int64()
	} else {
		f, _ := want.Float64()
		p.Accepted = f
	}
	return p
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return strconv.Itoa(n) + " " + strings.TrimSuffix(noun, "y") + "ies"
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

var typeArticles = map[string]string{
	"string": "a string", "number": "a number", "integer": "an integer",
	"boolean": "a boolean", "object": "an object", "array": "an array", "null": "null",
}

func typeWords(want []string) string {
	words := make([]string, len(want))
	for i, w := range want {
		if a, ok := typeArticles[w]; ok {
			words[i] = a
		} else {
			words[i] = w
		}
	}
	return strings.Join(words, " or ")
}

var formatMessages = map[string]string{
	FormatEmail: "must be an email address",
	FormatUUID:  "must be a UUID",
	"date-time": "must be a date-time (RFC 3339, e.g. 2024-01-31T09:00:00Z)",
	"date":      "must be a date (e.g. 2024-01-31)",
	"uri":       "must be an absolute URL",
}

func formatWords(name string) string {
	if m, ok := formatMessages[name]; ok {
		return m
	}
	return `must match format "` + name + `"`
}

// valueWord writes an enum or const value for a message: strings as they
// are, others as JSON.
func valueWord(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return "null"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// locationKey writes one object key of a location: ".name" for an
// identifier-like key, `["a key"]` otherwise.
func locationKey(k string) string {
	if isIdentifier(k) {
		return "." + k
	}
	return "[" + strconv.Quote(k) + "]"
}

func isIdentifier(k string) bool {
	if k == "" {
		return false
	}
	for i, c := range k {
		switch {
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i > 0:
		case c == '-' && i > 0:
		default:
			return false
		}
	}
	return true
}

// formatLocation writes an instance location below the root value:
// array indexes as [i], object keys as .key.
func formatLocation(root any, at []string) string {
	var b strings.Builder
	cur := root
	for _, tok := range at {
		switch c := cur.(type) {
		case []any:
			b.WriteString("[" + tok + "]")
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(c) {
				cur = c[i]
			} else {
				cur = nil
			}
		case map[string]any:
			b.WriteString(locationKey(tok))
			cur = c[tok]
		default:
			b.WriteString(locationKey(tok))
			cur = nil
		}
	}
	return b.String()
}

// keyPart orders one step of a location: a declared property by its
// declaration index, an array item by index, other keys after them by
// name.
type keyPart struct {
	idx  int
	name string
}

const undeclared = 1 << 30

// orderKey is the sort key of a located problem: its location (plus the
// missing or unknown property name) resolved against the schema.
func orderKey(s *Schema, root any, l located) []keyPart {
	var key []keyPart
	cur := root
	step := func(tok string) {
		switch c := cur.(type) {
		case []any:
			i, _ := strconv.Atoi(tok)
			key = append(key, keyPart{idx: i})
			if i >= 0 && i < len(c) {
				cur = c[i]
			} else {
				cur = nil
			}
			if sub, ok := s.Get("items"); ok {
				s, _ = sub.(*Schema)
			} else {
				s = nil
			}
			return
		case map[string]any:
			cur = c[tok]
		default:
			cur = nil
		}
		key = append(key, propPart(s, tok))
		var next *Schema
		for _, p := range s.PropertyList() {
			if p.Name == tok {
				next = p.Schema
			}
		}
		if next == nil {
			if sub, ok := s.Get("additionalProperties"); ok {
				next, _ = sub.(*Schema)
			}
		}
		s = next
	}
	for _, tok := range l.at {
		step(tok)
	}
	if l.problem.Rule == "required" || l.problem.Rule == RuleUnknown {
		if name, ok := strings.CutPrefix(l.problem.Location, "."); ok {
			key = append(key, propPart(s, name))
		} else if uq, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(l.problem.Location, "["), "]")); err == nil {
			key = append(key, propPart(s, uq))
		}
	}
	return key
}

func propPart(s *Schema, name string) keyPart {
	for i, p := range s.PropertyList() {
		if p.Name == name {
			return keyPart{idx: i}
		}
	}
	return keyPart{idx: undeclared, name: name}
}

func compareKeys(a, b []keyPart) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i].idx != b[i].idx {
			if a[i].idx < b[i].idx {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a[i].name, b[i].name); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

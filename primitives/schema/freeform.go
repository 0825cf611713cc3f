package schema

import "strconv"

// Free-form values.
//
// A free-form object ({"type":"object","additionalProperties":true}) lets a
// client choose every key and value, so plain JSON schema cannot keep it
// storable or small: keys a database refuses, thousands of nesting levels
// and kilobytes of text all pass. Three keywords of Blockyard's own (they
// are not JSON schema and the reference has none of them) bound such a
// value:
//
//	deepPropertyNames  a schema every property name must satisfy, at any
//	                   depth (objects inside arrays included), where
//	                   draft-07's propertyNames only sees the value's own keys
//	maxDepth           the most levels of objects and arrays, the value's own
//	                   level included ({"a":{"b":1}} has 2)
//	maxJSONBytes       the longest JSON text of the value, as JSON.stringify
//	                   writes it, in bytes of UTF-8
//
// They apply to a value of any type and are checked after the keywords of
// its type group, in the order maxJSONBytes, maxDepth, deepPropertyNames.
// Their messages follow AJV's wording: "must NOT be longer than N bytes as
// JSON", "must NOT be nested deeper than N levels", and for an invalid
// property name the name schema's own messages (`must match pattern
// "..."`) followed by "property name must be valid", as AJV reports a
// propertyNames failure. Only the first invalid name (keys visited in
// sorted order, depth first) is reported, so a body of a thousand bad keys
// gets two messages, not two thousand.
//
// FreeForm builds a bounded free-form object with all three.

// Keywords of bounded free-form values.
const (
	KeywordDeepPropertyNames = "deepPropertyNames"
	KeywordMaxDepth          = "maxDepth"
	KeywordMaxJSONBytes      = "maxJSONBytes"
)

// msgPropertyName is AJV's message for a failed propertyNames.
const msgPropertyName = "property name must be valid"

// FreeFormLimits bound a free-form object built by FreeForm. A zero field
// leaves that aspect unbounded.
type FreeFormLimits struct {
	// Keys is the schema every property name must satisfy, at any depth,
	// e.g. String().Pattern(...) for the names a database stores.
	Keys *Schema
	// MaxDepth is the most levels of objects and arrays, the object's own
	// level included.
	MaxDepth int
	// MaxJSONBytes is the longest JSON text of the object, in bytes.
	MaxJSONBytes int
}

// FreeForm returns a free-form object schema, {"type":"object",
// "additionalProperties":true}, bounded by l (deepPropertyNames, maxDepth,
// maxJSONBytes; see the package's free-form keywords). Like every object
// schema it also gets the reference's queryFilter from Harden.
func FreeForm(l FreeFormLimits) *Schema {
	s := Type("object").AdditionalProperties(true)
	if l.Keys != nil {
		s = s.DeepPropertyNames(l.Keys)
	}
	if l.MaxDepth > 0 {
		s = s.MaxDepth(l.MaxDepth)
	}
	if l.MaxJSONBytes > 0 {
		s = s.MaxJSONBytes(l.MaxJSONBytes)
	}
	return s
}

// DeepPropertyNames sets "deepPropertyNames": every property name anywhere
// inside the value must be valid against names.
func (s *Schema) DeepPropertyNames(names *Schema) *Schema {
	return s.with(KeywordDeepPropertyNames, names)
}

// MaxDepth sets "maxDepth": the value has at most n levels of objects and
// arrays, its own level included.
func (s *Schema) MaxDepth(n int) *Schema { return s.with(KeywordMaxDepth, float64(n)) }

// MaxJSONBytes sets "maxJSONBytes": the value's JSON text is at most n
// bytes long.
func (s *Schema) MaxJSONBytes(n int) *Schema { return s.with(KeywordMaxJSONBytes, float64(n)) }

// freeFormKeywords checks the free-form keywords of n on v.
func (n *node) freeFormKeywords(r *run, v any) {
	if n.maxJSONBytes > 0 && jsonLength(v, n.maxJSONBytes) > n.maxJSONBytes {
		r.add("must NOT be longer than " + strconv.Itoa(n.maxJSONBytes) + " bytes as JSON")
	}
	if n.maxDepth > 0 && deeperThan(v, n.maxDepth) {
		r.add("must NOT be nested deeper than " + strconv.Itoa(n.maxDepth) + " levels")
	}
	if n.deepKeys != nil {
		n.deepKeys.firstInvalidName(r, v)
	}
}

// firstInvalidName walks v depth first, keys in sorted order, and reports
// the first property name that names (the receiver) refuses: the name
// schema's messages, then AJV's "property name must be valid". It reports
// whether it found one.
func (names *node) firstInvalidName(r *run, v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			m := r.mark()
			names.walk(r, k)
			if !r.clean(m) {
				r.add(msgPropertyName)
				return true
			}
			if names.firstInvalidName(r, v[k]) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if names.firstInvalidName(r, e) {
				return true
			}
		}
	}
	return false
}

// deeperThan reports whether v has more than max levels of objects and
// arrays. It stops descending below max, so its cost is bounded by the
// part of v within the limit.
func deeperThan(v any, max int) bool {
	switch v := v.(type) {
	case map[string]any:
		if max == 0 {
			return true
		}
		for _, e := range v {
			if deeperThan(e, max-1) {
				return true
			}
		}
	case []any:
		if max == 0 {
			return true
		}
		for _, e := range v {
			if deeperThan(e, max-1) {
				return true
			}
		}
	}
	return false
}

// jsonLength returns the length in bytes of v's JSON text as
// JSON.stringify writes it (no white space, U+2028 and U+2029 unescaped),
// or some value above limit as soon as it knows the length exceeds limit.
func jsonLength(v any, limit int) int {
	n := 0
	var walk func(v any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			n += 2 // {}
			first := true
			for k, e := range v {
				if !first {
					n++ // ,
				}
				first = false
				n += jsonStringLength(k) + 1 // "k":
				if n > limit || !walk(e) {
					return false
				}
			}
		case []any:
			n += 2 // []
			for i, e := range v {
				if i > 0 {
					n++
				}
				if n > limit || !walk(e) {
					return false
				}
			}
		case string:
			n += jsonStringLength(v)
		case bool:
			n += 4 // true
			if !v {
				n++ // false
			}
		case nil:
			n += 4
		default:
			f, _ := toFloat(v)
			n += len(jsNumberString(f))
		}
		return n <= limit
	}
	walk(v)
	return n
}

// jsonStringLength is the length of s as a JSON string, quotes included,
// with JSON.stringify's escapes: two bytes for \" \\ \b \f \n \r \t, six
// for the other control characters; other characters are written as their
// UTF-8 bytes.
func jsonStringLength(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
			n++
		case c < 0x20:
			n += 5
		}
	}
	return n
}

package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

// noDollarKey is a name schema like the one a database-backed feature
// passes to FreeForm: no leading "$", no ".".
var noDollarKey = String().Pattern(`^(?!\$)[^.]*$`)

func TestFreeFormMessages(t *testing.T) {
	form := Request{Body: Object(Prop("address", FreeForm(FreeFormLimits{Keys: noDollarKey, MaxDepth: 3, MaxJSONBytes: 40})))}
	badName := []string{`request body must match pattern "^(?!\$)[^.]*$"`, "request body property name must be valid"}
	tests := []struct {
		name, body string
		want       []string
	}{
		{"own key", `{"address":{"$eq":1}}`, badName},
		{"dotted key", `{"address":{"a.b":1}}`, badName},
		{"nested key", `{"address":{"a":{"$in":[1]}}}`, badName},
		{"key inside an array", `{"address":{"a":[1,{"b.c":1}]}}`, badName},
		{"only the first bad name", `{"address":{"$a":{"$b":1},"$c":1,"d":[{"$e":1}]}}`,
			// the address's queryFilter, its first bad name, the body's queryFilter
			[]string{"request body Invalid query filter format", badName[0], badName[1], "request body Invalid query filter format"}},
		{"too deep", `{"address":{"a":{"b":{"c":{}}}}}`, []string{"request body must NOT be nested deeper than 3 levels"}},
		{"arrays are levels", `{"address":{"a":[[[1]]]}}`, []string{"request body must NOT be nested deeper than 3 levels"}},
		{"too long", `{"address":{"a":"` + strings.Repeat("x", 40) + `"}}`,
			[]string{"request body must NOT be longer than 40 bytes as JSON"}},
		{"all three", `{"address":{"a":{"b":{"c.d":{"e":"` + strings.Repeat("x", 40) + `"}}}}}`,
			append([]string{"request body must NOT be longer than 40 bytes as JSON", "request body must NOT be nested deeper than 3 levels"}, badName...)},
		{"type first", `{"address":"x"}`, []string{"request body must be object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, form, bodyInput(t, tt.body), tt.want) })
	}
	for _, ok := range []string{
		`{"address":{}}`,
		`{"address":{"a":{"b":[1]}}}`, // exactly 3 levels
		`{"address":{"":1,"a$":"$x","b":{"c":null}}}`,
		`{"address":{"a":"` + strings.Repeat("x", 32) + `"}}`, // exactly 40 bytes
	} {
		check(t, form, bodyInput(t, ok), nil)
	}
}

// TestJSONLengthIsJSONStringify compares jsonLength with the length of the
// text encoding/json writes without HTML escaping (the same as
// JSON.stringify for these values).
func TestJSONLengthIsJSONStringify(t *testing.T) {
	for _, text := range []string{
		`null`, `true`, `false`, `0`, `-1.5`, `1e+21`, `"a\"b\\c\n\t\u0001é€😀"`, `[]`, `{}`,
		`{"a":[1,2,{"b":null,"c":"\u2028<>&"}],"d\u0000":false}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		want := len(strings.TrimSuffix(b.String(), "\n"))
		want -= 3 * strings.Count(b.String(), `\u2028`) // JSON.stringify writes U+2028 raw (3 bytes), Go escapes it (6)
		if got := jsonLength(v, 1<<20); got != want {
			t.Errorf("jsonLength(%s) = %d, want %d (%s)", text, got, want, b.String())
		}
	}
	// It stops early: a value far above the limit costs no more than the limit.
	if got := jsonLength([]any{strings.Repeat("x", 100), strings.Repeat("y", 1<<20)}, 50); got <= 50 || got > 200 {
		t.Errorf("early stop: %d", got)
	}
}

func TestFreeFormKeywordsRoundTrip(t *testing.T) {
	s := FreeForm(FreeFormLimits{Keys: noDollarKey, MaxDepth: 16, MaxJSONBytes: 1024})
	want := `{"type":"object","additionalProperties":true,"deepPropertyNames":{"type":"string","pattern":"^(?!\\$)[^.]*$"},"maxDepth":16,"maxJSONBytes":1024}`
	if s.String() != want {
		t.Errorf("FreeForm = %s", s)
	}
	if MustParse(want).String() != want {
		t.Errorf("Parse round trip = %s", MustParse(want))
	}
	for _, bad := range []string{`{"maxDepth":0}`, `{"maxJSONBytes":1.5}`, `{"deepPropertyNames":3}`} {
		if _, err := Compile(Request{Body: MustParse(bad)}); err == nil {
			t.Errorf("Compile(%s): no error", bad)
		}
	}
}

package primitives

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzV8JSONErrorAgreesWithEncodingJSON: the V8 scanner and encoding/json
// agree on which texts are JSON (so readBody's messages never contradict
// its decoder), and the scanner never panics.
func FuzzV8JSONErrorAgreesWithEncodingJSON(f *testing.F) {
	for _, tc := range v8JSONCases {
		f.Add(tc.in)
	}
	f.Add(`{"a":[1,2,{"b":null}],"c":"\u00e9"}`)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // request bodies are decoded as UTF-8 before JSON.parse
		}
		msg := v8JSONError(s)
		if valid := json.Valid([]byte(s)); valid != (msg == "") {
			t.Fatalf("json.Valid(%q) = %v but v8JSONError = %q", s, valid, msg)
		}
		_ = strictJSONError(s)
	})
}

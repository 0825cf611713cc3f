package primitives

import "testing"

// The cases come from the real JSON.parse (jsonsyntax_cases_test.go).
func TestV8JSONErrorMatchesJSONParse(t *testing.T) {
	for _, tc := range v8JSONCases {
		if got := v8JSONError(tc.in); got != tc.want {
			t.Errorf("v8JSONError(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestStrictJSONErrorMatchesBodyParser(t *testing.T) {
	for _, tc := range v8StrictCases {
		if got := strictJSONError(tc.in); got != tc.want {
			t.Errorf("strictJSONError(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

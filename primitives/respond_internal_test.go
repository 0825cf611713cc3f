package primitives

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestUnescapeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"plain"`, `"plain"`},
		{`"a\u003cb\u003e\u0026c"`, `"a<b>&c"`},
		{`"\\u003c"`, `"\\u003c"`},                       // an escaped backslash, then the text u003c
		{`"\\\u003c"`, `"\\<"`},                          // an escaped backslash, then an escaped <
		{`"\n\t\"\u00e9\u001f"`, `"\n\t\"\u00e9\u001f"`}, // other escapes kept
		{`"\u2028\u2029"`, "\"\u2028\u2029\""},
		{`{"k":"\u0026","l":["\\","\u003e"]}`, `{"k":"&","l":["\\",">"]}`},
	}
	for _, tt := range tests {
		if got := string(unescapeHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("unescapeHTML(%s) = %s, want %s", tt.in, got, tt.want)
		}
		var a, b any
		if json.Unmarshal([]byte(tt.in), &a) != nil || json.Unmarshal([]byte(tt.want), &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s and %s must be valid JSON of the same value", tt.in, tt.want)
		}
	}
}

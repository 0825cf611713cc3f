package schema

import "testing"

func TestFormats(t *testing.T) {
	emails := []struct {
		s  string
		ok bool
	}{
		{"a@b.co", true},
		{"first.last+tag@sub.example.com", true},
		{"UPPER@EXAMPLE.COM", true},
		{"o'hara!#$%&*/=?^_`{|}~-@x.io", true},
		{"a@b", false},
		{"a@b.", false},
		{"a.@b.co", false},
		{".a@b.co", false},
		{"a..b@c.co", false},
		{"a@-b.co", false},
		{"a@b-.co", false},
		{"a b@c.co", false},
		{"\u212a@b.co", false}, // Kelvin sign: not a letter for JavaScript's /i
		{"a@b.co\n", false},
		{"", false},
	}
	for _, tt := range emails {
		if got := IsEmail(tt.s); got != tt.ok {
			t.Errorf("IsEmail(%q) = %v, want %v", tt.s, got, tt.ok)
		}
	}
	uuids := []struct {
		s  string
		ok bool
	}{
		{"3b241101-e2bb-4255-8caf-4136c566a962", true},
		{"3B241101-E2BB-4255-8CAF-4136C566A962", true},
		{"00000000-0000-0000-0000-000000000000", true},
		{"3b241101-e2bb-1255-0caf-4136c566a962", true}, // any version/variant
		{"urn:uuid:3b241101-e2bb-4255-8caf-4136c566a962", true},
		{"URN:UUID:3b241101-e2bb-4255-8caf-4136c566a962", true},
		{"3b241101e2bb42558caf4136c566a962", false},
		{"3b241101-e2bb-4255-8caf-4136c566a96", false},
		{"{3b241101-e2bb-4255-8caf-4136c566a962}", false},
		{"3b241101-e2bb-4255-8caf-4136c566a96g", false},
	}
	for _, tt := range uuids {
		if got := IsUUID(tt.s); got != tt.ok {
			t.Errorf("IsUUID(%q) = %v, want %v", tt.s, got, tt.ok)
		}
	}
	// Formats only apply to strings (ajv-formats).
	check(t, Request{Body: MustParse(`{"format":"email"}`)}, bodyInput(t, `5`), nil)
}

func TestJSPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		s       string
		match   bool
	}{
		{`^(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9.?/_-]{8,24}$`, "abcdefg1", true},
		{`^(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9.?/_-]{8,24}$`, "abcdefgh", false},
		{`^(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9.?/_-]{8,24}$`, "ABCDEFG1", false},
		{`^(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9.?/_-]{8,24}$`, "abc1", false},
		{`^(?!admin$).+$`, "admin", false},
		{`^(?!admin$).+$`, "administrator", true},
		{`^a.c$`, "a\nc", false},
		{`^a.c$`, "a\u2028c", false},
		{`^a.c$`, "abc", true},
		{`^\s$`, "\u00a0", true},
		{`^\S$`, "\u3000", false},
		{`^[\s]$`, "\ufeff", true},
		{`^\u00e9$`, "é", true},
		{`^\u{1F600}$`, "😀", true},
		{`^a\/b$`, "a/b", true},
		{`^[^]$`, "\n", true},
		{`^[]$`, "", false},
		{`^\cJ$`, "\n", true},
		{`^[\b]$`, "\b", true},
		{`^[a[]$`, "[", true},
		{`^\0$`, "\x00", true},
		{`\d+`, "x12", true},
	}
	for _, tt := range tests {
		re, err := newJSRegexp(tt.pattern)
		if err != nil {
			t.Errorf("%q: %v", tt.pattern, err)
			continue
		}
		if got := re.MatchString(tt.s); got != tt.match {
			t.Errorf("%q.MatchString(%q) = %v, want %v", tt.pattern, tt.s, got, tt.match)
		}
		if re.String() != tt.pattern {
			t.Errorf("String() = %q", re.String())
		}
	}
	for _, bad := range []string{`(a)\1`, `a(?=b)`, `(?<=a)b`, `[a`, `a\`, `\k<x>`} {
		if _, err := newJSRegexp(bad); err == nil {
			t.Errorf("%q: expected an error", bad)
		}
	}
}

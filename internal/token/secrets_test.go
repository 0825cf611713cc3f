package token

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestSecretsValidate(t *testing.T) {
	ok18 := strings.Repeat("x", 18)
	for _, tc := range []struct {
		s    Secrets
		want bool
	}{
		{Secrets{ok18, ok18}, true},
		{Secrets{ok18[:17], ok18}, false},
		{Secrets{ok18, ok18[:17]}, false},
		{Secrets{}, false},
		// Characters are UTF-16 code units, as in JavaScript: 18 "é" (36
		// bytes) pass; 9 emoji are 18 code units and pass; 17 "é" fail.
		{Secrets{strings.Repeat("é", 18), ok18}, true},
		{Secrets{strings.Repeat("😀", 9), ok18}, true},
		{Secrets{strings.Repeat("é", 17), ok18}, false},
	} {
		err := tc.s.Validate()
		if (err == nil) != tc.want {
			t.Errorf("Validate(%q, %q) = %v, want ok=%v", tc.s.Enc, tc.s.Sign, err, tc.want)
		}
		if err != nil && !errors.Is(err, ErrSecrets) {
			t.Errorf("error %v does not wrap ErrSecrets", err)
		}
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	cfg := struct{ Auth Secrets }{Secrets{Enc: "enc-secret-value-123", Sign: "sign-secret-value-123"}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(verb, cfg); strings.Contains(out, "secret-value") {
			t.Errorf("%s leaks secrets: %s", verb, out)
		}
	}
}

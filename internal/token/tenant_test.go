package token

import (
	"errors"
	"strings"
	"testing"
)

// TestTenantBinding: a codec with a Tenant stamps it into every kind of
// token, in its alphabetical place; its tokens verify only under the same
// tenant, never under another or under none, and the tokens of no tenant
// (the reference's) do not verify under a tenant either.
func TestTenantBinding(t *testing.T) {
	ca, _ := NewTenantCodec(testSecrets, "tenant-a")
	cb, _ := NewTenantCodec(testSecrets, "tenant-b")
	cn := mustCodec(t, testSecrets)
	for _, tc := range sampleClaims() {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := ca.Issue(tc.claims)
			if err != nil {
				t.Fatal(err)
			}
			_, payload, _ := specOpen(t, testSecrets, tok)
			keys := strings.Join(topLevelKeys(t, payload), " ")
			want := strings.Replace(tc.keys, " type", " tenant type", 1)
			if keys != want {
				t.Errorf("keys\n got %s\nwant %s", keys, want)
			}
			got, err := ca.Verify(tok, testNow)
			if err != nil || got.Tenant != "tenant-a" {
				t.Fatalf("same tenant: %+v, %v", got, err)
			}
			for name, other := range map[string]*Codec{"other tenant": cb, "no tenant": cn} {
				if _, err := other.Verify(tok, testNow); !errors.Is(err, ErrInvalid) {
					t.Errorf("%s verified a token of tenant-a: %v", name, err)
				}
			}
			if c, err := cb.VerifyAnyTenant(tok, testNow); err != nil || c.Tenant != "tenant-a" {
				t.Errorf("VerifyAnyTenant = %+v, %v", c, err)
			}
			plain, err := cn.Issue(tc.claims)
			if err != nil {
				t.Fatal(err)
			}
			if _, payload, _ := specOpen(t, testSecrets, plain); strings.Contains(payload, "tenant") {
				t.Errorf("a token of no tenant carries a tenant claim: %s", payload)
			}
			if _, err := ca.Verify(plain, testNow); !errors.Is(err, ErrInvalid) {
				t.Errorf("a tenant codec verified a token of no tenant: %v", err)
			}
		})
	}
}

package token

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("s3cret pw")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$2b$10$") || len(h) != 60 {
		t.Errorf("hash %q, want the reference's $2b$10$ form", h)
	}
	if cost, _ := bcrypt.Cost([]byte(h)); cost != PasswordCost {
		t.Errorf("cost %d", cost)
	}
	if !CheckPassword(h, "s3cret pw") {
		t.Error("hash does not verify its password")
	}
	// The $2a$ spelling of the same hash verifies too (same algorithm).
	if !CheckPassword("$2a$"+h[4:], "s3cret pw") {
		t.Error("$2a$ form does not verify")
	}
	for _, tc := range []struct{ hash, pw string }{
		{h, "s3cret pW"}, {h, ""}, {"", ""}, {"", "s3cret pw"}, {"$2b$10$short", "s3cret pw"},
	} {
		if CheckPassword(tc.hash, tc.pw) {
			t.Errorf("CheckPassword(%q, %q) = true", tc.hash, tc.pw)
		}
	}
}

func TestLongPasswordsAreTruncatedLikeTheReference(t *testing.T) {
	long := strings.Repeat("p", 72)
	h, err := HashPassword(long + "tail")
	if err != nil {
		t.Fatalf("HashPassword of 76 bytes: %v", err)
	}
	if !CheckPassword(h, long) || !CheckPassword(h, long+"other tail") {
		t.Error("bytes past 72 should not matter, as in the reference's bcrypt")
	}
	if CheckPassword(h, long[:71]) {
		t.Error("71-byte prefix verifies")
	}
}

package token

import (
	"errors"
	"fmt"
	"unicode/utf16"
)

// MinSecretLength is the minimum length, in characters, of each secret. The
// reference (validateAuthSecrets) refuses to issue or verify anything with a
// shorter secret.
const MinSecretLength = 18

// ErrSecrets reports missing or too short secrets. Issuing fails with it (the
// reference answers 500); verifying fails with an error wrapping both it and
// [ErrInvalid] (the reference answers 401).
var ErrSecrets = errors.New("token: auth secrets must each be at least 18 characters")

// Secrets is the key material of the reference's authSecrets configuration:
// Enc (authEncSecret) derives the AES key, Sign (authSignSecret) is the HMAC
// key of the inner JWT. Two distinct secrets keep a leak of one from being
// enough to forge tokens.
type Secrets struct {
	Enc  string
	Sign string
}

// String redacts the secrets, so that logging a configuration that embeds
// Secrets (with %v, %+v or %s) cannot leak them.
func (s Secrets) String() string { return "token.Secrets{redacted}" }

// GoString redacts the secrets under %#v too.
func (s Secrets) GoString() string { return s.String() }

// Validate reports whether both secrets have at least [MinSecretLength]
// characters. Characters are counted as JavaScript's String.length does
// (UTF-16 code units), so exactly the secrets the reference accepts pass.
// The error wraps [ErrSecrets] and never contains the secrets themselves.
func (s Secrets) Validate() error {
	if n := jsLength(s.Enc); n < MinSecretLength {
		return fmt.Errorf("%w: encryption secret has %d", ErrSecrets, n)
	}
	if n := jsLength(s.Sign); n < MinSecretLength {
		return fmt.Errorf("%w: signing secret has %d", ErrSecrets, n)
	}
	return nil
}

// jsLength is the length of s in UTF-16 code units, as JavaScript counts it.
// Invalid UTF-8 bytes count one each (they decode to U+FFFD).
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

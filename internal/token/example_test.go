package token_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/blockyard/blockyard/internal/token"
)

func Example() {
	codec, err := token.NewCodec(token.Secrets{
		Enc:  "an-encryption-secret-of-18+-chars",
		Sign: "a-signing-secret-of-18+-characters",
	})
	if err != nil {
		panic(err)
	}

	// Login: bind an access token to the client that asked for it.
	login := token.Origin{Fingerprint: "fp-1", IP: "203.0.113.7", UserAgent: "curl/8.0"}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	access := token.NewUserAccess("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", login, "api.example.test").
		Stamp(now, token.DefaultAccessLifetime)
	tok, err := codec.Issue(access)
	if err != nil {
		panic(err)
	}

	// A later request: verify, then check what the token is and who uses it.
	claims, err := codec.Verify(tok, now.Add(time.Minute))
	if err != nil {
		panic(err)
	}
	roaming := token.Origin{Fingerprint: "fp-1", IP: "198.51.100.1", UserAgent: "curl/8.0"}
	fmt.Println(claims.Type, claims.AccessType, claims.IdentityID)
	fmt.Println("same client on a new network:", token.PassesSecurityCheck(claims, roaming, true))

	// After 15 minutes the token is refused like any other bad token.
	_, err = codec.Verify(tok, now.Add(token.DefaultAccessLifetime))
	fmt.Println(errors.Is(err, token.ErrInvalid), err)
	// Output:
	// access user 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b
	// same client on a new network: true
	// true token could not be verified: expired
}

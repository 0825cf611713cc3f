// Package token implements the wire format of the authentication tokens
// of the Nodeblocks backend SDK, the Node library whose API Blockyard
// serves, so that a token issued by a Node service verifies here and a
// token issued here verifies there: both can share users and sessions.
//
// # Wire format
//
// A token is
//
//	hex(iv) ":" hex(AES-256-CBC(key = SHA-256(encSecret), PKCS#7, plaintext = JWS))
//
// where the JWS is a compact JWT signed with HMAC-SHA256 under the signing
// secret, header {"alg":"HS256","typ":"JWT"}. The iv is 16 random bytes.
//
// The encryption gives confidentiality only: CBC is malleable, so integrity
// rests entirely on the inner HMAC, which [Codec.Verify] checks in constant
// time before looking at the claims, and only for the exact algorithm HS256.
//
// # Contents
//
// The package is deliberately small and free of HTTP concerns:
//
//   - [Secrets] and [NewCodec]: key material, at least 18 characters each;
//   - [Claims] and its constructors: the claim sets of the reference, encoded
//     with its exact JSON key order;
//   - [Codec.Issue] and [Codec.Verify]: the wire format itself;
//   - [ParseLifetime], [Lifetime] and [Expiry]: "15m"-style lifetimes as
//     vercel/ms and jsonwebtoken interpret them;
//   - [PassesSecurityCheck]: the fingerprint / IP / User-Agent binding of
//     user access tokens;
//   - [HashPassword] and [CheckPassword]: bcrypt, compatible with the
//     reference's stored "$2b$10$" hashes.
//
// Every verification failure wraps [ErrInvalid], whose message is the
// reference's 401 message, so callers need a single errors.Is.
package token

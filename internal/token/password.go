package token

import (
	"golang.org/x/crypto/bcrypt"
)

// PasswordCost is the bcrypt cost of the reference (bcrypt.hash(pw, 10)).
const PasswordCost = 10

// maxPasswordBytes is the part of a password bcrypt uses. The reference's
// bcrypt silently ignores the rest; x/crypto/bcrypt refuses longer input.
const maxPasswordBytes = 72

// HashPassword returns the bcrypt hash of pw at cost 10 in the reference's
// "$2b$10$…" form, so identities written here and by the reference look
// alike. $2a$ and $2b$ hashes are computed identically for inputs of at most
// 72 bytes, and longer passwords are cut to 72 bytes first, exactly as the
// reference's bcrypt does: a long password registered there logs in here.
func HashPassword(pw string) (string, error) {
	if len(pw) > maxPasswordBytes {
		pw = pw[:maxPasswordBytes]
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), PasswordCost)
	if err != nil {
		return "", err
	}
	if len(h) > 3 && h[0] == '$' && h[1] == '2' && h[2] == 'a' && h[3] == '$' {
		h[2] = 'b'
	}
	return string(h), nil
}

// CheckPassword reports whether pw matches the bcrypt hash (any of the $2a$,
// $2b$, $2y$ forms, any cost), in constant time with respect to the hash.
// A malformed or empty hash never matches, so identities without a password
// cannot log in with one.
func CheckPassword(hash, pw string) bool {
	if len(pw) > maxPasswordBytes {
		pw = pw[:maxPasswordBytes]
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

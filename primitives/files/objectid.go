package files

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"

	"github.com/google/uuid"
)

// Purpose names what an object id is issued for (a document's logo, its
// certificate, a user's avatar): an id issued for one purpose
// never verifies for another.
type Purpose string

// ObjectIDs issues object ids bound to a purpose and a target, and checks
// that binding later, without storing anything.
//
// Why: an object id is all a client sends to attach a file to a document,
// and every response that holds the file turns the id into a signed
// download URL. Plain random ids therefore act as bearer capabilities:
// whoever learns one (it is in every download URL, and some answers show
// it raw) could attach it to a document of their own and download the
// file. A bound id can only be attached to the target it was issued for.
//
// Form: an id stays a canonical UUID v4 string (request schemas demand
// format uuid, object names are id + extension). Of its 122 free bits,
// the first 60 are random and the last 62 are an HMAC-SHA256, truncated,
// of (purpose, target, the first 8 bytes). Forging an id for a given
// target means guessing 62 bits online; two ids issued for one purpose and
// target collide only when their 60 random bits do.
//
// The zero value is not usable; build one with NewObjectIDs. An ObjectIDs
// is safe for concurrent use.
type ObjectIDs struct {
	key []byte
}

// objectIDLabel separates these MACs from every other use of the key.
const objectIDLabel = "blockyard files object id v1"

// NewObjectIDs returns an ObjectIDs keyed by key, which should be a secret
// of at least 32 random bytes (derive it from a longer-lived secret with a
// label of its own). The key is copied.
func NewObjectIDs(key []byte) *ObjectIDs {
	return &ObjectIDs{key: append([]byte(nil), key...)}
}

// Issue returns a new object id for purpose and target, e.g. the logo of
// one document. Ids are random: two calls never return the same id in
// practice.
func (k *ObjectIDs) Issue(purpose Purpose, target string) string {
	var u uuid.UUID
	_, _ = rand.Read(u[:8]) // crypto/rand.Read never fails (Go 1.24+)
	u[6] = u[6]&0x0f | 0x40 // version 4
	copy(u[8:], k.mac(purpose, target, u[:8]))
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u.String()
}

// Verify reports whether id was issued by Issue with this key, for exactly
// this purpose and target. Only the canonical lower-case form verifies:
// the id names a storage object, and another spelling names another one.
func (k *ObjectIDs) Verify(purpose Purpose, target, id string) bool {
	if k == nil || len(id) != 36 {
		return false
	}
	u, err := uuid.Parse(id)
	if err != nil || u.String() != id || u.Version() != 4 || u.Variant() != uuid.RFC4122 {
		return false
	}
	want := k.mac(purpose, target, u[:8])
	want[0] = want[0]&0x3f | 0x80
	return hmac.Equal(want, u[8:])
}

// mac is the first 8 bytes of HMAC-SHA256 over the label and the
// length-prefixed purpose, target and random part, so that no two
// different (purpose, target) pairs ever feed the same bytes.
func (k *ObjectIDs) mac(purpose Purpose, target string, random []byte) []byte {
	m := hmac.New(sha256.New, k.key)
	var n [8]byte
	for _, part := range []string{objectIDLabel, string(purpose), target} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		m.Write(n[:])
		m.Write([]byte(part))
	}
	m.Write(random)
	return m.Sum(nil)[:8]
}

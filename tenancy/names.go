package tenancy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/google/uuid"
)

// DefaultDatabasePrefix starts the name of every tenant database unless
// Options.DatabasePrefix says otherwise: "tenant_" like the schemas of the
// MultiCRM original.
const DefaultDatabasePrefix = "tenant_"

// MaxDatabasePrefix is the longest prefix DatabaseName accepts: with the 32
// characters derived from the id it keeps a name within 63 bytes.
const MaxDatabasePrefix = 31

// DatabaseName derives the database of tenant id: prefix followed by 32
// lower-case hexadecimal characters, the id's own when it is a UUID in its
// canonical lower-case form (the registry's ids are), otherwise the first
// 128 bits of its SHA-256.
//
// # Limits
//
// The name must be valid on every database Blockyard runs on: MongoDB
// refuses names of 64 bytes or more and the characters /\. "$*<>:| and
// NUL, and two names that differ only by case; FerretDB 1.x accepts only
// ^[a-zA-Z0-9_-]{1,63}$ (and its PostgreSQL backend maps a database to a
// schema, whose names PostgreSQL truncates at 63 bytes). A prefix of at
// most MaxDatabasePrefix characters from [a-z0-9_] and 32 lower-case hex
// digits satisfy them all, and two tenants never share a name: distinct
// UUIDs have distinct hex, and a hashed id collides with another only if
// SHA-256 does.
func DatabaseName(prefix, id string) (string, error) {
	if err := checkPrefix(prefix); err != nil {
		return "", err
	}
	if u, err := uuid.Parse(id); err == nil && u.String() == id {
		return prefix + hex.EncodeToString(u[:]), nil
	}
	sum := sha256.Sum256([]byte(id))
	return prefix + hex.EncodeToString(sum[:16]), nil
}

func checkPrefix(prefix string) error {
	if prefix == "" || len(prefix) > MaxDatabasePrefix {
		return fmt.Errorf("tenancy: database prefix %q must have 1 to %d characters", prefix, MaxDatabasePrefix)
	}
	for _, c := range prefix {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return fmt.Errorf("tenancy: database prefix %q may contain only a-z, 0-9 and _", prefix)
		}
	}
	return nil
}

package blocks

import (
	"github.com/blockyard/blockyard/internal/keylock"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// writeLocks serialize, within this process, the guarded writes whose
// single-winner guarantee matters: members of an organization, follows of a
// profile, failed-login counting, refresh-token rotation, one-time token
// consumption, identity writes. See package keylock for why (FerretDB 1.24
// applies filtered updates non-atomically; the embedded database's clients
// serialize writes themselves, other FerretDB clients do not). They only
// ever hold a database write, never bcrypt or token work, and are never
// nested.
var writeLocks keylock.Stripes

// lockDocument locks the document id of coll (by database, collection and
// id) and returns the unlock function.
func lockDocument(coll *mongo.Collection, id string) (unlock func()) {
	return writeLocks.Lock(coll.Database().Name() + "\x00" + coll.Name() + "\x00" + id)
}

// lockKey locks an arbitrary key (e.g. "refresh:" + jti) and returns the
// unlock function.
func lockKey(key string) (unlock func()) { return writeLocks.Lock(key) }

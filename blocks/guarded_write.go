package blocks

import (
	"context"
	"slices"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// guardedUpdate is what one attempt of guardedRewrite writes, as computed
// from the document it read.
type guardedUpdate struct {
	// set are the fields to $set, besides updatedAt (which guardedRewrite
	// adds).
	set bson.D
	// guard are filter conditions added to the id and updatedAt guard,
	// for concurrent writes that may leave updatedAt as it was (e.g.
	// FollowOrganization's $max), or nil.
	guard bson.D
}

// rewrite describes a read-compute-write of one document for
// guardedRewrite.
type rewrite[T any] struct {
	// read loads the current document; its errors are returned as is, so
	// the caller chooses them (e.g. not found).
	read func(ctx context.Context) mo.Result[*T]
	// updatedAt points at the document's updatedAt, read for the guard and
	// set to the new value once the write has matched.
	updatedAt func(*T) *string
	// change computes the update from the document read. It may modify the
	// document to the state written: on a lost race the document is
	// discarded and read again. Its errors are returned as is.
	change func(*T) mo.Result[guardedUpdate]
	// now is the clock of the new updatedAt.
	now func() time.Time
	// attempts bounds the retries: each lost attempt means another write
	// succeeded, so they only run out under sustained contention.
	attempts int
	// failure wraps a failed write; conflict is returned when every attempt
	// lost the race.
	failure, conflict *primitives.Error
}

// guardedWriteHookKey is the context key of a func() that guardedRewrite
// calls between computing an update and writing it. Tests set it to play
// another process writing in between, which the in-process lock otherwise
// makes impossible; nothing else does.
type guardedWriteHookKey struct{}

// guardedRewrite rewrites the document with id in coll by optimistic
// concurrency, the portable substitute for conditional $pull, positional
// updates and arrayFilters (docs/mongo-portable.md): it reads the document,
// computes the new fields in Go, and $sets them with a new updatedAt only
// if updatedAt is still the value read (absent or null staying so) and the
// extra guard conditions hold, retrying on a fresh read when the write
// matches nothing. change runs again on each attempt, so what it checks
// holds for the state actually overwritten.
//
// The new updatedAt is NextTimestamp: strictly after the value read, so
// two guarded writes within one millisecond still tell apart and cannot
// both pass the same guard.
//
// Within one process the writes to the document are also serialized (see
// lockDocument): the guard is what makes writers in several processes safe
// on MongoDB, while FerretDB 1.24 does not apply a filtered update
// atomically, and serializing locally also spares MongoDB the retries.
func guardedRewrite[T any](ctx context.Context, coll *mongo.Collection, id string, w rewrite[T]) mo.Result[*T] {
	defer lockDocument(coll, id)()
	hook, _ := ctx.Value(guardedWriteHookKey{}).(func())
	for range w.attempts {
		doc, err := w.read(ctx).Get()
		if err != nil {
			return mo.Err[*T](err)
		}
		old := *w.updatedAt(doc)
		up, err := w.change(doc).Get()
		if err != nil {
			return mo.Err[*T](err)
		}
		ts := NextTimestamp(w.now(), old)
		if hook != nil {
			hook()
		}
		res, err := coll.UpdateOne(ctx, guardFilter(id, old, up.guard), bson.D{
			bson.E{Key: "$set", Value: append(slices.Clip(up.set), bson.E{Key: "updatedAt", Value: ts})},
		})
		if err != nil {
			return mo.Err[*T](w.failure.Wrap(err))
		}
		if res.MatchedCount == 1 {
			*w.updatedAt(doc) = ts
			return mo.Ok(doc)
		}
	}
	return mo.Err[*T](w.conflict)
}

// guardFilter matches the document with id while its updatedAt is still
// updatedAt, extra conditions included. An updatedAt read as "" (absent or
// null) is matched with null, which matches both on MongoDB and FerretDB.
func guardFilter(id, updatedAt string, extra bson.D) bson.D {
	var old any = updatedAt
	if updatedAt == "" {
		old = nil
	}
	return append(bson.D{bson.E{Key: "id", Value: id}, bson.E{Key: "updatedAt", Value: old}}, extra...)
}

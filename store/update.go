package store

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/blockyard/blockyard/primitives/model"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Update applies a partial update read by model.BindPatch from a
// model.PatchBody[T] route: the fields the client sent (p.Fields), with
// their values (p.Value), to the document whose id is id and that matches
// every scope filter, and returns the document as updated. See
// [UpdateFields], which it calls.
func Update[T any](ctx context.Context, coll *mongo.Collection, id string, p model.Patch[T], now time.Time, scope ...Filter[T]) mo.Result[T] {
	return UpdateFields(ctx, coll, id, p.Value, p.Fields, now, scope...)
}

// UpdateFields writes the named top-level fields of value (JSON names) to
// the document whose id is id and that matches every scope filter, sets
// its updatedAt to now, and returns the document as updated. It is the
// body of a PATCH: the fields a client sent, nothing else, in one $set
// (fields whose value encodes to nothing, an omitempty zero, are $unset,
// so that the stored document reads back as value does). Read-only fields
// (tagged readOnly:"true": a Record's id, createdAt and updatedAt, an
// Owned's ownerId) in fields are ignored: they are written once, by
// Insert, so that an update can neither rename a document nor give it to
// someone else, whatever the route's schema let through. A field T does not
// have is [Invalid]; no matching document is [NotFound]; a unique index
// the new values violate is [Duplicate] naming its fields.
func UpdateFields[T any](ctx context.Context, coll *mongo.Collection, id string, value T, fields []string, now time.Time, scope ...Filter[T]) mo.Result[T] {
	s := shapeOf[T]()
	if s.err != nil {
		return mo.Err[T](s.err)
	}
	q, err := ByID[T](id).And(scope...).BSON()
	if err != nil {
		return mo.Err[T](err)
	}
	raw, err := marshal(value)
	if err != nil {
		return mo.Err[T](Failure.Wrap(err))
	}
	set, unset := bson.D{}, bson.D{}
	done := []string{}
	for _, f := range fields {
		switch {
		case f == "id" || f == "createdAt" || f == "updatedAt" || slices.Contains(done, f):
			continue
		case s.root.fields[f] == nil:
			return mo.Err[T](invalid(f, "the document has no such field"))
		case s.root.fields[f].readOnly:
			continue
		}
		done = append(done, f)
		if v, err := raw.LookupErr(f); err == nil {
			set = append(set, bson.E{Key: f, Value: v})
		} else {
			unset = append(unset, bson.E{Key: f, Value: ""})
		}
	}
	set = append(set, bson.E{Key: "updatedAt", Value: Timestamp(now)})
	upd := bson.D{bson.E{Key: "$set", Value: set}}
	if len(unset) > 0 {
		upd = append(upd, bson.E{Key: "$unset", Value: unset})
	}
	c := use(coll)
	var doc T
	err = c.FindOneAndUpdate(ctx, q, upd, options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[T](NotFound.Wrap(err))
	case IsDuplicateKey(err):
		return mo.Err[T](duplicateUpdate(ctx, c, err, id, set, unset))
	case err != nil:
		return mo.Err[T](Failure.Wrap(err))
	}
	return mo.Ok(doc)
}

package store

import (
	"bytes"
	"context"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Insert stores doc and returns it as stored. When T embeds [Record], its
// ID is always newID() (pass primitives.Service.ID: a UUID v4; a client's
// body bound into T cannot choose its id) and CreatedAt and UpdatedAt are
// now (pass Service.Now()); to store a known id, pass a newID that
// returns it. A T without Record must carry its id ([Invalid] if empty). A unique index it violates is a
// [Duplicate] error naming the index's fields.
func Insert[T any](ctx context.Context, coll *mongo.Collection, doc T, now time.Time, newID func() string) mo.Result[T] {
	if s := shapeOf[T](); s.err != nil {
		return mo.Err[T](s.err)
	}
	if r, ok := any(&doc).(recorded); ok {
		rec := r.record()
		rec.ID = newID()
		rec.CreatedAt = blocks.Timestamp(now)
		rec.UpdatedAt = rec.CreatedAt
	}
	raw, err := marshal(doc)
	if err != nil {
		return mo.Err[T](Failure.Wrap(err))
	}
	if id, ok := raw.Lookup("id").StringValueOK(); !ok || id == "" {
		return mo.Err[T](invalid("id", "the document has no id"))
	}
	c := use(coll)
	if _, err := c.InsertOne(ctx, raw); err != nil {
		if blocks.IsDuplicateKey(err) {
			return mo.Err[T](duplicate(ctx, c, err, raw))
		}
		return mo.Err[T](Failure.Wrap(err))
	}
	return mo.Ok(doc)
}

// marshal encodes v as the store writes it: JSON names.
func marshal(v any) (bson.Raw, error) {
	var buf bytes.Buffer
	enc := bson.NewEncoder(bson.NewDocumentWriter(&buf))
	enc.UseJSONStructTags()
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

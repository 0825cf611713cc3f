package blocks

import (
	"context"
	"errors"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// byID is the filter of the document with the given id: every collection
// Blockyard shares with the reference is keyed by its own "id" field, not
// by _id.
func byID(id string) bson.D { return bson.D{bson.E{Key: "id", Value: id}} }

// findOneByID loads the document with id from coll: notFound (wrapping
// mongo.ErrNoDocuments) when there is none, failure (wrapping the cause)
// when the query or the decoding fails. The get-by-id blocks differ only
// in these two errors.
func findOneByID[T any](ctx context.Context, coll *mongo.Collection, id string, notFound, failure *primitives.Error) mo.Result[*T] {
	var doc T
	err := coll.FindOne(ctx, byID(id)).Decode(&doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[*T](notFound.Wrap(err))
	case err != nil:
		return mo.Err[*T](failure.Wrap(err))
	}
	return mo.Ok(&doc)
}

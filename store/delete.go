package store

import (
	"context"
	"errors"

	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Delete removes the document whose id is id and that matches every scope
// filter, and returns it as it was (to clean up what it referenced, or to
// answer with it); [NotFound] when there is none.
func Delete[T any](ctx context.Context, coll *mongo.Collection, id string, scope ...Filter[T]) mo.Result[T] {
	q, err := query(ByID[T](id).And(scope...))
	if err != nil {
		return mo.Err[T](err)
	}
	var doc T
	err = use(coll).FindOneAndDelete(ctx, q).Decode(&doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[T](NotFound.Wrap(err))
	case err != nil:
		return mo.Err[T](Failure.Wrap(err))
	}
	return mo.Ok(doc)
}

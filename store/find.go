package store

import (
	"context"
	"errors"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// FindByID loads the document whose id is id, provided it also matches
// every scope filter (an owner, a tenant): [NotFound] when there is none,
// so that a caller cannot tell another owner's document from a missing
// one.
func FindByID[T any](ctx context.Context, coll *mongo.Collection, id string, scope ...Filter[T]) mo.Result[T] {
	return FindOne(ctx, coll, ByID[T](id).And(scope...))
}

// FindOne loads one document that matches f ([NotFound] when none does).
// When several match, which one is unspecified: filter on a unique field.
func FindOne[T any](ctx context.Context, coll *mongo.Collection, f Filter[T]) mo.Result[T] {
	q, err := query(f)
	if err != nil {
		return mo.Err[T](err)
	}
	var doc T
	err = use(coll).FindOne(ctx, q).Decode(&doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[T](NotFound.Wrap(err))
	case err != nil:
		return mo.Err[T](Failure.Wrap(err))
	}
	return mo.Ok(doc)
}

// FindPage loads page p of the documents that match f in the order s,
// with the framework's pagination metadata (primitives.Paginate: the
// total, the page count, hasNext/hasPrev; a page past the last reports the
// last page and holds no data). It is one find with skip and limit plus
// one count, both portable.
func FindPage[T any](ctx context.Context, coll *mongo.Collection, f Filter[T], s Sort[T], p primitives.Page) mo.Result[primitives.Paged[T]] {
	q, err := query(f)
	if err != nil {
		return mo.Err[primitives.Paged[T]](err)
	}
	order, err := s.BSON()
	if err != nil {
		return mo.Err[primitives.Paged[T]](err)
	}
	page, err := primitives.FindPage[T](ctx, use(coll), q, p, options.Find().SetSort(order))
	if err != nil {
		return mo.Err[primitives.Paged[T]](Failure.Wrap(err))
	}
	return mo.Ok(page)
}

// Count is the number of documents that match f.
func Count[T any](ctx context.Context, coll *mongo.Collection, f Filter[T]) mo.Result[int64] {
	q, err := query(f)
	if err != nil {
		return mo.Err[int64](err)
	}
	n, err := coll.CountDocuments(ctx, q)
	if err != nil {
		return mo.Err[int64](Failure.Wrap(err))
	}
	return mo.Ok(n)
}

// query is f's BSON, or the error of f or of T's shape.
func query[T any](f Filter[T]) (any, error) {
	if s := shapeOf[T](); s.err != nil {
		return nil, s.err
	}
	return f.BSON()
}

package store

import (
	"context"
	"strconv"

	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// MaxFindAll is the largest limit FindAll takes. A list without pages is
// read into memory and written as one answer: ten thousand documents of a
// few kilobytes each is tens of megabytes per request, past which a
// route should answer pages ([FindPage]) instead.
const MaxFindAll = 10_000

// FindAll loads every document that matches f, in the order s, as long as
// there are at most limit of them (1 to [MaxFindAll]); when more match it
// fails with [TooMany] rather than answer a list cut short, which a
// client could not tell from the whole. It is for the lists an API
// answers whole (a bare array, the children of one document, the
// documents an $in of ids names); use [FindPage] for lists that grow
// without bound. It is one find with a limit, portable.
//
// A limit outside 1..MaxFindAll is a programming error ([ErrInvalid]).
func FindAll[T any](ctx context.Context, coll *mongo.Collection, f Filter[T], s Sort[T], limit int64) mo.Result[[]T] {
	if limit < 1 || limit > MaxFindAll {
		return mo.Err[[]T](invalid("", "FindAll's limit "+strconv.FormatInt(limit, 10)+" is not within 1.."+strconv.Itoa(MaxFindAll)))
	}
	q, err := query(f)
	if err != nil {
		return mo.Err[[]T](err)
	}
	order, err := s.BSON()
	if err != nil {
		return mo.Err[[]T](err)
	}
	// One more than the limit tells "exactly limit" from "more".
	cur, err := use(coll).Find(ctx, q, options.Find().SetSort(order).SetLimit(limit+1))
	if err != nil {
		return mo.Err[[]T](Failure.Wrap(err))
	}
	docs := []T{}
	if err := cur.All(ctx, &docs); err != nil {
		return mo.Err[[]T](Failure.Wrap(err))
	}
	if int64(len(docs)) > limit {
		return mo.Err[[]T](TooMany.WithData(Limit{Max: limit}))
	}
	return mo.Ok(docs)
}

// Limit is the Data of a [TooMany] error: the most documents the caller
// would take.
type Limit struct {
	Max int64 `json:"max"`
}

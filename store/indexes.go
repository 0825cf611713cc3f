package store

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Index is an ascending index over fields of T (JSON names, in key
// order), unique or not. Unique indexes are what [Insert] and
// [UpdateFields] report as a [Duplicate] naming Fields. Make a unique
// index only over fields every document has (MongoDB refuses a second
// document missing one; FerretDB does not).
type Index[T any] struct {
	Fields []string
	Unique bool
}

// Unique is a unique index over fields of T.
func Unique[T any](fields ...string) Index[T] { return Index[T]{Fields: fields, Unique: true} }

// EnsureIndexes creates, idempotently, the unique index on id that every
// block's by-id lookup uses, then indexes, one command at a time (the
// portable way, see blocks.EnsureIndexes), with MongoDB's default names
// (email_1, ownerId_1_title_1). Call it from a route's Setup. A field T
// does not have is [Invalid] and creates nothing.
func EnsureIndexes[T any](ctx context.Context, coll *mongo.Collection, indexes ...Index[T]) error {
	all := append([]Index[T]{Unique[T]("id")}, indexes...)
	models := make([]mongo.IndexModel, 0, len(all))
	for _, ix := range all {
		if len(ix.Fields) == 0 {
			return invalid("", "an index needs at least one field")
		}
		keys := bson.D{}
		for _, f := range ix.Fields {
			if err := checkPath[T](f); err != nil {
				return err
			}
			keys = append(keys, bson.E{Key: f, Value: 1})
		}
		m := mongo.IndexModel{Keys: keys}
		if ix.Unique {
			m.Options = options.Index().SetUnique(true)
		}
		models = append(models, m)
	}
	return blocks.EnsureIndexes(ctx, coll, models...)
}

package blocks

import (
	"context"

	"github.com/blockyard/blockyard/store"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnsureIndexes creates the indexes on coll, idempotently, one
// createIndexes command at a time: FerretDB 1.24 drops the connection when
// one command naming several indexes finds them all existing, while
// creating one existing index is a no-op on both servers. It is
// store.CreateIndexModels, which holds the implementation (the generic
// store must not import this package).
func EnsureIndexes(ctx context.Context, coll *mongo.Collection, models ...mongo.IndexModel) error {
	return store.CreateIndexModels(ctx, coll, models...)
}

// UniqueIndex is a unique ascending single-field index with the default
// name (field_1), so an index made by hand under the usual name is
// recognised as the same one. Use it only on fields every document has
// (MongoDB refuses a second document missing the field; FerretDB does not).
func UniqueIndex(field string) mongo.IndexModel {
	return mongo.IndexModel{Keys: bson.D{bson.E{Key: field, Value: 1}}, Options: options.Index().SetUnique(true)}
}

// Index is an ascending single-field index with the default name.
func Index(field string) mongo.IndexModel {
	return mongo.IndexModel{Keys: bson.D{bson.E{Key: field, Value: 1}}}
}

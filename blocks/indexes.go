package blocks

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnsureIndexes creates the indexes on coll, idempotently, one
// createIndexes command at a time: FerretDB 1.24 drops the connection when
// one command naming several indexes finds them all existing, while
// creating one existing index is a no-op on both servers.
func EnsureIndexes(ctx context.Context, coll *mongo.Collection, models ...mongo.IndexModel) error {
	for _, m := range models {
		if _, err := coll.Indexes().CreateOne(ctx, m); err != nil {
			return fmt.Errorf("creating indexes of %s: %w", coll.Name(), err)
		}
	}
	return nil
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

package blocks

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnsureProfileIndexes creates, idempotently, the indexes of the profiles
// collection: unique id (every lookup) and organizationFollows.
// followOrganizationId (an organization's followers).
func EnsureProfileIndexes(ctx context.Context, profiles *mongo.Collection) error {
	return createIndexesOneByOne(ctx, profiles,
		mongo.IndexModel{Keys: bson.D{bson.E{Key: "id", Value: 1}}, Options: options.Index().SetUnique(true)},
		mongo.IndexModel{Keys: bson.D{bson.E{Key: followPath, Value: 1}}},
	)
}

// EnsureChangeRequestIndexes creates, idempotently, the indexes of the
// organizationChangeRequests collection: unique id and organizationId (an
// organization's change requests).
func EnsureChangeRequestIndexes(ctx context.Context, changeRequests *mongo.Collection) error {
	return createIndexesOneByOne(ctx, changeRequests,
		mongo.IndexModel{Keys: bson.D{bson.E{Key: "id", Value: 1}}, Options: options.Index().SetUnique(true)},
		mongo.IndexModel{Keys: bson.D{bson.E{Key: "organizationId", Value: 1}}},
	)
}

// createIndexesOneByOne creates the indexes one createIndexes command at a
// time: FerretDB 1.24 drops the connection when one command with several
// indexes finds them all existing, while creating one existing index is a
// no-op on both servers. Indexes keep their default names (field_1).
func createIndexesOneByOne(ctx context.Context, coll *mongo.Collection, models ...mongo.IndexModel) error {
	for _, m := range models {
		if _, err := coll.Indexes().CreateOne(ctx, m); err != nil {
			return fmt.Errorf("creating indexes of %s: %w", coll.Name(), err)
		}
	}
	return nil
}

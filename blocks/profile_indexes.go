package blocks

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnsureProfileIndexes creates, idempotently, the indexes of the profiles
// collection: unique id (every lookup) and organizationFollows.
// followOrganizationId (an organization's followers).
func EnsureProfileIndexes(ctx context.Context, profiles *mongo.Collection) error {
	return EnsureIndexes(ctx, profiles,
		mongo.IndexModel{Keys: bson.D{bson.E{Key: "id", Value: 1}}, Options: options.Index().SetUnique(true)},
		mongo.IndexModel{Keys: bson.D{bson.E{Key: followPath, Value: 1}}},
	)
}

// EnsureChangeRequestIndexes creates, idempotently, the indexes of the
// organizationChangeRequests collection: unique id and organizationId (an
// organization's change requests).
func EnsureChangeRequestIndexes(ctx context.Context, changeRequests *mongo.Collection) error {
	return EnsureIndexes(ctx, changeRequests,
		mongo.IndexModel{Keys: bson.D{bson.E{Key: "id", Value: 1}}, Options: options.Index().SetUnique(true)},
		mongo.IndexModel{Keys: bson.D{bson.E{Key: "organizationId", Value: 1}}},
	)
}

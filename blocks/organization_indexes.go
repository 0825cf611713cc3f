package blocks

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnsureOrganizationIndexes creates, idempotently, the indexes of the
// organizations collection: unique id (every lookup; always written),
// members.identityId (an identity's organizations, ancestors holding a
// member) and ancestors (descendants). All are plain single-field indexes,
// which MongoDB and FerretDB treat alike. The reference created none.
func EnsureOrganizationIndexes(ctx context.Context, orgs *mongo.Collection) error {
	_, err := orgs.Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{bson.E{Key: "id", Value: 1}}, Options: options.Index().SetUnique(true)},
		{Keys: bson.D{bson.E{Key: "members.identityId", Value: 1}}},
		{Keys: bson.D{bson.E{Key: "ancestors", Value: 1}}},
	})
	if err != nil {
		return fmt.Errorf("creating indexes of %s: %w", orgs.Name(), err)
	}
	return nil
}

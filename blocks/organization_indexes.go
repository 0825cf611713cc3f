package blocks

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// EnsureOrganizationIndexes creates, idempotently, the indexes of the
// organizations collection: unique id (every lookup; always written),
// members.identityId (an identity's organizations, ancestors holding a
// member) and ancestors (descendants). All are plain single-field indexes,
// which MongoDB and FerretDB treat alike. The reference created none.
func EnsureOrganizationIndexes(ctx context.Context, orgs *mongo.Collection) error {
	return EnsureIndexes(ctx, orgs, UniqueIndex("id"), Index("members.identityId"), Index("ancestors"))
}

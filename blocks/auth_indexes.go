package blocks

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnsureIdentityIndexes creates the indexes of the identities collection:
// unique id (every lookup by id) and unique email (login, register). Both
// fields are always written, so the unique indexes behave the same on
// MongoDB and FerretDB. Creating an existing index is a no-op.
//
// A collection shared with a Node service that registered the same e-mail
// twice cannot get the unique e-mail index; the error says so.
func EnsureIdentityIndexes(ctx context.Context, identities *mongo.Collection) error {
	return createAuthIndexes(ctx, identities,
		authUniqueIndex("id"),
		authUniqueIndex("email"),
	)
}

// EnsureRefreshTokenIndexes creates the indexes of the refreshtokens
// collection: unique jti (rotation and revocation look rows up by jti) and
// id (an identity's sessions).
func EnsureRefreshTokenIndexes(ctx context.Context, refreshTokens *mongo.Collection) error {
	return createAuthIndexes(ctx, refreshTokens,
		authUniqueIndex("jti"),
		authIndex("id"),
	)
}

// EnsureOneTimeTokenIndexes creates the index of the onetimetokens
// collection: token (one-time tokens are looked up by their full string).
// It is not unique: the reference allows several rows per token.
func EnsureOneTimeTokenIndexes(ctx context.Context, onetimeTokens *mongo.Collection) error {
	return createAuthIndexes(ctx, onetimeTokens, authIndex("token"))
}

// authUniqueIndex and authIndex are single-field ascending indexes with the
// default names (field_1), so that an index created by hand or by another
// tool under the usual name is recognised as the same one.
func authUniqueIndex(field string) mongo.IndexModel {
	return mongo.IndexModel{
		Keys:    bson.D{bson.E{Key: field, Value: 1}},
		Options: options.Index().SetUnique(true),
	}
}

func authIndex(field string) mongo.IndexModel {
	return mongo.IndexModel{Keys: bson.D{bson.E{Key: field, Value: 1}}}
}

// createAuthIndexes creates the indexes one at a time: FerretDB 1.24
// drops the connection when a createIndexes command with several indexes
// finds them all existing, while creating one existing index is a no-op on
// both servers.
func createAuthIndexes(ctx context.Context, coll *mongo.Collection, models ...mongo.IndexModel) error {
	for _, m := range models {
		if _, err := coll.Indexes().CreateOne(ctx, m); err != nil {
			return fmt.Errorf("creating indexes of %s: %w", coll.Name(), err)
		}
	}
	return nil
}

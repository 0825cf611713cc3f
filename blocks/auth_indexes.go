package blocks

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// EnsureIdentityIndexes creates the indexes of the identities collection:
// unique id (every lookup by id) and unique email (login, register). Both
// fields are always written, so the unique indexes behave the same on
// MongoDB and FerretDB. Creating an existing index is a no-op.
//
// A collection shared with a Node service that registered the same e-mail
// twice cannot get the unique e-mail index; the error says so.
func EnsureIdentityIndexes(ctx context.Context, identities *mongo.Collection) error {
	return EnsureIndexes(ctx, identities,
		UniqueIndex("id"),
		UniqueIndex("email"),
	)
}

// EnsureRefreshTokenIndexes creates the indexes of the refreshtokens
// collection: unique jti (rotation and revocation look rows up by jti) and
// id (an identity's sessions).
func EnsureRefreshTokenIndexes(ctx context.Context, refreshTokens *mongo.Collection) error {
	return EnsureIndexes(ctx, refreshTokens,
		UniqueIndex("jti"),
		Index("id"),
	)
}

// EnsureOneTimeTokenIndexes creates the index of the onetimetokens
// collection: token (one-time tokens are looked up by their full string).
// It is not unique: the reference allows several rows per token.
func EnsureOneTimeTokenIndexes(ctx context.Context, onetimeTokens *mongo.Collection) error {
	return EnsureIndexes(ctx, onetimeTokens, Index("token"))
}

package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// CreateIndexModels creates the driver's index models on coll,
// idempotently, one createIndexes command at a time: FerretDB 1.24 drops
// the connection when one command naming several indexes finds them all
// existing, while creating one existing index is a no-op on both servers.
// It is what EnsureIndexes sends; call it for an index the typed Index
// cannot describe (descending keys, options).
func CreateIndexModels(ctx context.Context, coll *mongo.Collection, models ...mongo.IndexModel) error {
	for _, m := range models {
		if _, err := coll.Indexes().CreateOne(ctx, m); err != nil {
			return fmt.Errorf("creating indexes of %s: %w", coll.Name(), err)
		}
	}
	return nil
}

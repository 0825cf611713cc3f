package validators

import (
	"context"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// loadOnce returns the document whose id id reads from the request, loading
// it with get at most once per request and id (primitives.Key.OnceFor), so
// the validators and the handler share one lookup (and its error). A
// different id loads afresh.
func loadOnce[T any](r *primitives.Request, key *primitives.Key[*T], id Source, coll *mongo.Collection,
	get func(ctx context.Context, coll *mongo.Collection, id string) mo.Result[*T]) mo.Result[*T] {
	docID := id(r)
	return key.OnceFor(r, docID, func() mo.Result[*T] { return get(r.Context(), coll, docID) })
}

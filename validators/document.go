package validators

import (
	"context"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// loaded is one document lookup of a request: the id and the result
// (document or error).
type loaded[T any] struct {
	id  string
	res mo.Result[*T]
}

// documentKey remembers, per request, the document a request addresses.
type documentKey[T any] = primitives.Key[*loaded[T]]

// loadOnce returns the document whose id id reads from the request, loading
// it with get at most once per request and id, so the validators and the
// handler share one lookup (and its error). A different id loads afresh.
func loadOnce[T any](r *primitives.Request, key *documentKey[T], id Source, coll *mongo.Collection,
	get func(ctx context.Context, coll *mongo.Collection, id string) mo.Result[*T]) mo.Result[*T] {
	docID := id(r)
	if l, ok := key.Get(r); ok && l.id == docID {
		return l.res
	}
	res := get(r.Context(), coll, docID)
	key.Set(r, &loaded[T]{id: docID, res: res})
	return res
}

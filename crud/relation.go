package crud

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// MaxRelated bounds the records one relation loads on GET /{id}.
const MaxRelated = 100

// Relation is a child resource GET /{id} loads with the record (see
// HasMany).
type Relation struct {
	// Name is the key of the related records in the answer.
	Name string

	permission string // READ_ of the child: a caller without it gets no key
	load       func(r *primitives.Request, g *Grants, parentID string) (any, error)
	setup      *primitives.Setup
}

// HasMany declares that the records of child whose foreignKey equals a
// record's id belong to it: GET /{id} answers them under name (at most
// MaxRelated, oldest first), with one indexed {foreignKey: id} query in
// the caller's scope of child. A caller without child's read permission
// gets the record without the key. Mounting the parent creates the
// index {foreignKey, deletedAt} on child's collection.
func HasMany[C any](name string, child *Resource[C], foreignKey string) Relation {
	rel := Relation{Name: name}
	rel.load = func(r *primitives.Request, g *Grants, parentID string) (any, error) {
		cb := child.build()
		filter := append(bson.D{{Key: foreignKey, Value: parentID}}, cb.scopeFilter(g)...)
		cur, err := cb.collection(r).Find(r.Context(), filter, options.Find().
			SetSort(bson.D{{Key: "createdAt", Value: 1}, {Key: "id", Value: 1}}).SetLimit(MaxRelated).SetProjection(bson.D{{Key: "_id", Value: 0}}))
		if err != nil {
			return nil, err
		}
		return cb.decodeAll(r, cur)
	}
	rel.permission = child.PermissionFor(OpRead)
	rel.setup = primitives.NewSetup(name+" relation index", func(ctx context.Context, s *primitives.Service) error {
		return blocks.EnsureIndexes(ctx, s.Collection(child.collection()), mongo.IndexModel{Keys: bson.D{{Key: foreignKey, Value: 1}, {Key: "deletedAt", Value: 1}}})
	})
	return rel
}

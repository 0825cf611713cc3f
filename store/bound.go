package store

import (
	"context"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Errors is the ErrorMap of a route that runs store blocks on a client's
// behalf: a document not found (or outside the caller's scope) is 404, a
// unique-index conflict 409 (its message names the fields). ErrInvalid and
// ErrDatabase stay 500s: they are the program's or the database's fault.
var Errors = primitives.ErrorMap{
	{Kind: ErrNotFound, Status: http.StatusNotFound},
	{Kind: ErrConflict, Status: http.StatusConflict},
}

// Collection names the collection that keeps documents of type T and, for
// documents that belong to one user, how to find the caller. It is a
// value a program declares once, next to T:
//
//	var notes = store.Collection[Note]{Name: "notes", Owner: validators.IdentityID, Order: store.OrderBy[Note]("-createdAt")}
//
// and binds to each request with In, which gives the blocks of this
// package with the request's context, the service's collection, clock and
// ids, and the caller's scope already applied. The blocks stay plain
// functions; Collection only saves passing the same five arguments.
type Collection[T any] struct {
	// Name is the collection's name in the service's database.
	Name string
	// Owner, when set, returns the identity a request acts for (for
	// example validators.IdentityID). Every block of a bound collection
	// then sees only documents whose ownerId is that identity (someone
	// else's document is NotFound), and Insert sets it, so T must embed
	// [Owned]. A request with no identity ("") can read or write nothing:
	// guard the route with an authentication validator.
	Owner func(*primitives.Request) string
	// Order is the order of List's pages; the zero Sort is by id.
	Order Sort[T]
}

// In binds the collection to r.
func (c Collection[T]) In(r *primitives.Request) Bound[T] {
	b := Bound[T]{ctx: r.Context(), coll: r.Service.Collection(c.Name), svc: r.Service, order: c.Order}
	if c.Owner != nil {
		b.owned = true
		b.owner = c.Owner(r)
		b.scope = Eq[T](ownerField, b.owner)
	}
	return b
}

// Bound is a [Collection] bound to one request by [Collection.In]: the
// package's blocks without their context, collection, clock, id generator
// and scope arguments. Its methods are values a pipeline can pass on, as in
// primitives.Then(model.Bind[Note](r), notes.In(r).Insert).
type Bound[T any] struct {
	ctx   context.Context
	coll  *mongo.Collection
	svc   *primitives.Service
	order Sort[T]
	owned bool   // the collection has an Owner
	owner string // the caller, when owned
	scope Filter[T]
}

// ownerless is the error of a block of an owned collection run for a
// request that has no identity: a route that forgot its authentication
// validator, not a client's mistake.
func (b Bound[T]) ownerless() *primitives.Error {
	return invalid(ownerField, "the collection belongs to its owners and the request has no identity")
}

// check reports the error that stops every block of b, if any.
func (b Bound[T]) check() *primitives.Error {
	if b.owned && b.owner == "" {
		return b.ownerless()
	}
	return nil
}

// FindByID is [FindByID] within the caller's scope.
func (b Bound[T]) FindByID(id string) mo.Result[T] {
	if err := b.check(); err != nil {
		return mo.Err[T](err)
	}
	return FindByID(b.ctx, b.coll, id, b.scope)
}

// FindOne is [FindOne] within the caller's scope.
func (b Bound[T]) FindOne(f Filter[T]) mo.Result[T] {
	if err := b.check(); err != nil {
		return mo.Err[T](err)
	}
	return FindOne(b.ctx, b.coll, f.And(b.scope))
}

// FindPage is [FindPage] within the caller's scope.
func (b Bound[T]) FindPage(f Filter[T], s Sort[T], p primitives.Page) mo.Result[primitives.Paged[T]] {
	if err := b.check(); err != nil {
		return mo.Err[primitives.Paged[T]](err)
	}
	return FindPage(b.ctx, b.coll, f.And(b.scope), s, p)
}

// List is page p of every document in the caller's scope, in the
// collection's Order.
func (b Bound[T]) List(p primitives.Page) mo.Result[primitives.Paged[T]] {
	return b.FindPage(All[T](), b.order, p)
}

// Count is [Count] within the caller's scope.
func (b Bound[T]) Count(f Filter[T]) mo.Result[int64] {
	if err := b.check(); err != nil {
		return mo.Err[int64](err)
	}
	return Count(b.ctx, b.coll, f.And(b.scope))
}

// Insert is [Insert] with the service's clock and ids; in an owned
// collection it first sets the document's owner to the caller.
func (b Bound[T]) Insert(doc T) mo.Result[T] {
	if err := b.check(); err != nil {
		return mo.Err[T](err)
	}
	if b.owned {
		o, ok := any(&doc).(owner)
		if !ok {
			return mo.Err[T](invalid(ownerField, "a collection with an Owner keeps a document type that embeds store.Owned"))
		}
		o.owned().OwnerID = b.owner
	}
	return Insert(b.ctx, b.coll, doc, b.now(), b.svc.ID)
}

// Update is [Update] within the caller's scope, at the service's time.
func (b Bound[T]) Update(id string, p model.Patch[T]) mo.Result[T] {
	if err := b.check(); err != nil {
		return mo.Err[T](err)
	}
	return Update(b.ctx, b.coll, id, p, b.now(), b.scope)
}

// Patch returns Update of the document id as a step for primitives.Then:
// primitives.Then(model.BindPatch[Note](r), notes.In(r).Patch(id)).
func (b Bound[T]) Patch(id string) func(model.Patch[T]) mo.Result[T] {
	return func(p model.Patch[T]) mo.Result[T] { return b.Update(id, p) }
}

// Delete is [Delete] within the caller's scope.
func (b Bound[T]) Delete(id string) mo.Result[T] {
	if err := b.check(); err != nil {
		return mo.Err[T](err)
	}
	return Delete(b.ctx, b.coll, id, b.scope)
}

func (b Bound[T]) now() time.Time { return b.svc.Now() }

// Setup returns what the collection needs at Mount, for its routes' or
// their feature's Setup: the unique index on id that every by-id block
// uses, an index on ownerId when the collection has an Owner, and
// indexes; and, first, the check that T embeds [Owned] when the
// collection has an Owner, so that a wrong declaration stops the program
// at start-up instead of failing its first request.
func (c Collection[T]) Setup(indexes ...Index[T]) *primitives.Setup {
	return primitives.NewSetup("store: collection "+c.Name, func(ctx context.Context, s *primitives.Service) error {
		var zero T
		if _, ok := any(&zero).(owner); c.Owner != nil && !ok {
			return invalid(ownerField, "collection "+c.Name+" has an Owner, so its document type must embed store.Owned")
		}
		all := indexes
		if c.Owner != nil {
			all = append([]Index[T]{{Fields: []string{ownerField}}}, indexes...)
		}
		return EnsureIndexes(ctx, s.Collection(c.Name), all...)
	})
}

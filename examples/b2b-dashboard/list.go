package main

import (
	"context"
	"encoding/json"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// maxLimit bounds a page's size.
const maxLimit = 100

// List is a list answer in the shape the client asked for: the bare
// array of the original when the request names no page, or Blockyard's
// page ({"data": [...], "metadata": {"pagination": ...}}) when it sends
// page or limit. Existing clients keep working; the dashboard pages.
type List[T any] struct {
	// Items is the whole list; nil when Page is set.
	Items []T
	// Page is the page asked for; nil for the whole list.
	Page *primitives.Paged[T]
}

// MarshalJSON writes the array or the page.
func (l List[T]) MarshalJSON() ([]byte, error) {
	if l.Page != nil {
		return json.Marshal(l.Page)
	}
	if l.Items == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(l.Items)
}

// mapList changes a list's items with f, keeping its shape and metadata.
func mapList[A, B any](l List[A], f func([]A) mo.Result[[]B]) mo.Result[List[B]] {
	if l.Page == nil {
		return primitives.Map(f(l.Items), func(items []B) List[B] { return List[B]{Items: items} })
	}
	return primitives.Map(primitives.MapPage(mo.Ok(*l.Page), f), func(p primitives.Paged[B]) List[B] { return List[B]{Page: &p} })
}

// pageOf is the page a request asks for, nil when it names none.
func pageOf(r *primitives.Request) *primitives.Page {
	q := r.Query()
	if !q.Has("page") && !q.Has("limit") {
		return nil
	}
	p := primitives.PageFromQuery(q)
	return &p
}

// findList reads the documents of coll matching f in s's order: the page
// asked for, or all of them when page is nil. The store pages but has no
// unpaged find, so the whole list is read here.
func findList[T any](ctx context.Context, coll *mongo.Collection, f store.Filter[T], s store.Sort[T], page *primitives.Page) mo.Result[List[T]] {
	if page != nil {
		return primitives.Map(store.FindPage(ctx, coll, f, s, *page), func(p primitives.Paged[T]) List[T] { return List[T]{Page: &p} })
	}
	q, err := f.BSON()
	if err != nil {
		return mo.Err[List[T]](err)
	}
	order, err := s.BSON()
	if err != nil {
		return mo.Err[List[T]](err)
	}
	if q == nil {
		q = bson.D{}
	}
	cur, err := coll.Find(ctx, q, options.Find().SetSort(order))
	if err != nil {
		return mo.Err[List[T]](err)
	}
	items := []T{}
	if err := cur.All(ctx, &items); err != nil {
		return mo.Err[List[T]](err)
	}
	return mo.Ok(List[T]{Items: items})
}

package main

import (
	"context"
	"encoding/json"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
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

// maxUnpaged bounds a list answered without pages: past it the route
// answers 400, asking for pages (see tooMany), rather than a list cut
// short.
const maxUnpaged = store.MaxFindAll

// findList reads the documents of coll matching f in s's order: the page
// asked for, or all of them (at most maxUnpaged) when page is nil.
func findList[T any](ctx context.Context, coll *mongo.Collection, f store.Filter[T], s store.Sort[T], page *primitives.Page) mo.Result[List[T]] {
	if page != nil {
		return primitives.Map(store.FindPage(ctx, coll, f, s, *page), func(p primitives.Paged[T]) List[T] { return List[T]{Page: &p} })
	}
	return primitives.Map(store.FindAll(ctx, coll, f, s, maxUnpaged), func(items []T) List[T] { return List[T]{Items: items} })
}

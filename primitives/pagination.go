package primitives

import (
	"context"
	"math"
	"net/url"

	"github.com/blockyard/blockyard/primitives/schema"

	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Page is a requested page: 1-based page number and page size.
type Page struct {
	Page  int
	Limit int
}

// DefaultPage is what a request without page/limit gets: page 1 of 10. A
// zero Page means the same everywhere.
func DefaultPage() Page { return Page{Page: 1, Limit: 10} }

// PageFromQuery reads page and limit from a query the way the reference's
// withPagination does: a missing, non-numeric or zero value takes the
// default (1 and 10), negative values become 1, and there is no upper cap
// (routes that accept limit cap it in their schema).
func PageFromQuery(q url.Values) Page {
	return Page{Page: pageNumber(q, "page", 1), Limit: pageNumber(q, "limit", 10)}
}

// pageNumber is max(1, Number(q[name] ?? def) || def) with JavaScript's
// Number (" 2 " is 2, "0x10" is 16, "" is 0), fractions floored.
func pageNumber(q url.Values, name string, def int) int {
	vs, ok := q[name]
	if !ok || len(vs) == 0 {
		return def
	}
	f, ok := schema.ToNumber(vs[0])
	if !ok || f == 0 {
		return def // NaN || def, 0 || def
	}
	if f < 1 {
		return 1
	}
	if f > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(f)
}

// normalized is p with a page and a limit of at least 1 (the defaults for
// zero), so that a zero Page is usable and nothing divides by zero.
func (p Page) normalized() Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.Limit < 1 {
		p.Limit = 10
	}
	return p
}

// Skip is the number of documents before the page.
func (p Page) Skip() int64 {
	p = p.normalized()
	return int64(p.Page-1) * int64(p.Limit)
}

// Pagination is the reference's pagination metadata; its JSON keys come in
// the reference's order.
type Pagination struct {
	HasNext    bool  `json:"hasNext"`
	HasPrev    bool  `json:"hasPrev"`
	Limit      int   `json:"limit"`
	Page       int   `json:"page"`
	Total      int64 `json:"total"`
	TotalPages int64 `json:"totalPages"`
}

// Paginate computes the metadata for page p of total items, with the
// reference's clamping: asking past the last page reports the last page
// (while the data, fetched with p's skip, is empty).
func Paginate(p Page, total int64) Pagination {
	p = p.normalized()
	limit := int64(p.Limit)
	totalPages := max(1, (total+limit-1)/limit)
	current := min(totalPages, p.Skip()/limit+1)
	return Pagination{
		HasNext:    current < totalPages,
		HasPrev:    current > 1,
		Limit:      p.Limit,
		Page:       int(current),
		Total:      total,
		TotalPages: totalPages,
	}
}

// Paged is the reference's paginated list body:
// {"data":[...],"metadata":{"pagination":{...}}}.
type Paged[T any] struct {
	Data     []T          `json:"data"`
	Metadata PageMetadata `json:"metadata"`
}

// PageMetadata wraps Pagination under "pagination".
type PageMetadata struct {
	Pagination Pagination `json:"pagination"`
}

// NewPaged builds a Paged body from one page of items and the total.
func NewPaged[T any](items []T, p Page, total int64) Paged[T] {
	if items == nil {
		items = []T{}
	}
	return Paged[T]{Data: items, Metadata: PageMetadata{Pagination: Paginate(p, total)}}
}

// FindPage runs find with p's skip and limit plus countDocuments on the same
// filter, decoding documents into T. opts may add a projection or sort.
func FindPage[T any](ctx context.Context, coll *mongo.Collection, filter any, p Page, opts ...options.Lister[options.FindOptions]) (Paged[T], error) {
	p = p.normalized()
	all := append([]options.Lister[options.FindOptions]{options.Find().SetSkip(p.Skip()).SetLimit(int64(p.Limit))}, opts...)
	cur, err := coll.Find(ctx, filter, all...)
	if err != nil {
		return Paged[T]{}, err
	}
	items := []T{}
	if err := cur.All(ctx, &items); err != nil {
		return Paged[T]{}, err
	}
	total, err := coll.CountDocuments(ctx, filter)
	if err != nil {
		return Paged[T]{}, err
	}
	return NewPaged(items, p, total), nil
}

// MapPage transforms the items of a page with a step that may fail (signing
// file URLs, say), keeping the page's metadata; an error anywhere passes on.
func MapPage[A, B any](res mo.Result[Paged[A]], f func([]A) mo.Result[[]B]) mo.Result[Paged[B]] {
	p, err := res.Get()
	if err != nil {
		return mo.Err[Paged[B]](err)
	}
	items, err := f(p.Data).Get()
	if err != nil {
		return mo.Err[Paged[B]](err)
	}
	return mo.Ok(Paged[B]{Data: items, Metadata: p.Metadata})
}

// PageSlice pages an in-memory slice (the reference's
// withPaginatedProperty, used for an array stored in one document).
func PageSlice[T any](items []T, p Page) Paged[T] {
	p = p.normalized()
	total := int64(len(items))
	lo := min(p.Skip(), total)
	hi := min(lo+int64(p.Limit), total)
	return NewPaged(items[lo:hi:hi], p, total)
}

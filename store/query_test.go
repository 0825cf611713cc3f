package store_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// titles are the titles of notes.
func titles(ns []note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Title
	}
	return out
}

// seed stores five notes whose ids order differently from their titles:
// n1..n5 have ids e, d, c, b, a, ranks 1, 2, 2, 2, 3.
func seed(t *testing.T) *mongo.Collection {
	t.Helper()
	c := notes(t)
	ranks := []int{1, 2, 2, 2, 3}
	for i, r := range ranks {
		id := string(rune('e' - i))
		n := note{Title: fmt.Sprintf("n%d", i+1), Slug: id, OwnerID: "o", Rank: r, Status: "open"}
		if i%2 == 1 {
			n.Status, n.Tags, n.Refs = "done", []string{"red", "blue"}, []ref{{OwnerID: "u0"}, {OwnerID: "u1"}}
		}
		if _, err := store.Insert(t.Context(), c, n, t0, func() string { return id }).Get(); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestFindPage(t *testing.T) {
	t.Parallel()
	c := seed(t)
	cases := []struct {
		name string
		f    store.Filter[note]
		s    store.Sort[note]
		p    primitives.Page
		want []string
		meta primitives.Pagination
	}{
		// Equal ranks (n2, n3, n4) are ordered by id: n4 (b), n3 (c), n2 (d).
		{"rank then id", store.All[note](), store.OrderBy[note]("rank"), primitives.Page{Page: 1, Limit: 3},
			[]string{"n1", "n4", "n3"}, primitives.Pagination{HasNext: true, Limit: 3, Page: 1, Total: 5, TotalPages: 2}},
		{"second page", store.All[note](), store.OrderBy[note]("rank"), primitives.Page{Page: 2, Limit: 3},
			[]string{"n2", "n5"}, primitives.Pagination{HasPrev: true, Limit: 3, Page: 2, Total: 5, TotalPages: 2}},
		{"descending", store.All[note](), store.OrderBy[note]("-rank", "title"), primitives.Page{Page: 1, Limit: 10},
			[]string{"n5", "n2", "n3", "n4", "n1"}, primitives.Pagination{Limit: 10, Page: 1, Total: 5, TotalPages: 1}},
		{"zero sort is by id", store.Eq[note]("status", status("open")), store.Sort[note]{}, primitives.Page{},
			[]string{"n5", "n3", "n1"}, primitives.Pagination{Limit: 10, Page: 1, Total: 3, TotalPages: 1}},
		{"past the last page", store.All[note](), store.OrderBy[note]("title"), primitives.Page{Page: 9, Limit: 2},
			[]string{}, primitives.Pagination{HasPrev: true, Limit: 2, Page: 3, Total: 5, TotalPages: 3}},
		{"no match", store.Eq[note]("title", "zz"), store.OrderBy[note]("title"), primitives.Page{},
			[]string{}, primitives.Pagination{Limit: 10, Page: 1, Total: 0, TotalPages: 1}},
	}
	for _, tc := range cases {
		got, err := store.FindPage(t.Context(), c, tc.f, tc.s, tc.p).Get()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(titles(got.Data), tc.want) || got.Metadata.Pagination != tc.meta {
			t.Errorf("%s: %v %+v\nwant %v %+v", tc.name, titles(got.Data), got.Metadata.Pagination, tc.want, tc.meta)
		}
	}
}

func TestFilters(t *testing.T) {
	t.Parallel()
	c := seed(t)
	cases := []struct {
		name string
		f    store.Filter[note]
		want []string
	}{
		{"Eq", store.Eq[note]("rank", 2), []string{"n2", "n3", "n4"}},
		{"Eq on an array", store.Eq[note]("tags", "red"), []string{"n2", "n4"}},
		{"Ne", store.Ne[note]("status", status("open")), []string{"n2", "n4"}},
		// $nor on an array path: right on FerretDB, where $ne is not.
		{"Ne on an array", store.Ne[note]("tags", "red"), []string{"n1", "n3", "n5"}},
		{"Eq into sub-documents", store.Eq[note]("refs.ownerId", "u1"), []string{"n2", "n4"}},
		// A dotted path into an array of sub-documents: $ne answers
		// wrongly on FerretDB, $nor does not.
		{"Ne into sub-documents", store.Ne[note]("refs.ownerId", "u1"), []string{"n1", "n3", "n5"}},
		{"Nin into sub-documents", store.Nin[note]("refs.ownerId", "u1", "u7"), []string{"n1", "n3", "n5"}},
		{"In", store.In[note]("slug", "a", "e"), []string{"n1", "n5"}},
		{"In nothing", store.In[note, string]("slug"), []string{}},
		{"Nin", store.Nin[note]("slug", "a", "e"), []string{"n2", "n3", "n4"}},
		{"Gt", store.Gt[note]("rank", 2), []string{"n5"}},
		{"Gte and Lt", store.And(store.Gte[note]("rank", 2), store.Lt[note]("title", "n4")), []string{"n2", "n3"}},
		{"Lte", store.Lte[note]("rank", 1), []string{"n1"}},
		{"Exists", store.Exists[note]("tags", true), []string{"n2", "n4"}},
		{"array length", store.Exists[note]("tags.1", false), []string{"n1", "n3", "n5"}},
		{"Or", store.Or(store.Eq[note]("title", "n1"), store.Eq[note]("rank", 3)), []string{"n1", "n5"}},
		{"Or of nothing", store.Or[note](), []string{}},
		{"And of nothing", store.And[note](), []string{"n1", "n2", "n3", "n4", "n5"}},
		{"method And", store.Eq[note]("rank", 2).And(store.Eq[note]("status", status("done"))), []string{"n2", "n4"}},
	}
	for _, tc := range cases {
		got, err := store.FindPage(t.Context(), c, tc.f, store.OrderBy[note]("title"), primitives.Page{}).Get()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(titles(got.Data), tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, titles(got.Data), tc.want)
		}
		if n, err := store.Count(t.Context(), c, tc.f).Get(); err != nil || n != int64(len(tc.want)) {
			t.Errorf("%s: Count = %d, %v", tc.name, n, err)
		}
	}
	if n, err := store.FindOne(t.Context(), c, store.Eq[note]("slug", "c")).Get(); err != nil || n.Title != "n3" {
		t.Errorf("FindOne = %+v, %v", n, err)
	}
}

func TestUnknownFields(t *testing.T) {
	t.Parallel()
	c := notes(t)
	cases := map[string]error{
		"Eq":             store.FindOne(t.Context(), c, store.Eq[note]("titel", "a")).Error(),
		"nested":         store.Count(t.Context(), c, store.Eq[note]("meta.sorce", "a")).Error(),
		"under a string": store.Count(t.Context(), c, store.Eq[note]("title.x", "a")).Error(),
		"in And":         store.Count(t.Context(), c, store.And(store.Eq[note]("title", "a"), store.Exists[note]("x", true))).Error(),
		"in Ne":          store.Count(t.Context(), c, store.Ne[note]("_id", "a")).Error(),
		"sort twice":     store.FindPage(t.Context(), c, store.All[note](), store.OrderBy[note]("title", "-title"), primitives.Page{}).Error(),
		"sort":           store.FindPage(t.Context(), c, store.All[note](), store.OrderBy[note]("-titel"), primitives.Page{}).Error(),
		"index":          store.EnsureIndexes(t.Context(), c, store.Unique[note]("titel")),
	}
	for name, err := range cases {
		if !errors.Is(err, store.Invalid) || !primitives.AsError(err).Kind.Is(store.ErrInvalid) {
			t.Errorf("%s: err = %v, want store.Invalid", name, err)
		}
	}
	// Paths that exist, down nested structs and array positions.
	for _, f := range []string{"meta.source", "tags.3", "refs.ownerId", "refs.0.ownerId", "createdAt", "id"} {
		if _, err := store.Count(t.Context(), c, store.Exists[note](f, true)).Get(); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// Types the store refuses, and why.
type (
	noInline struct {
		store.Record
		Title string `json:"title"`
	}
	renamed struct {
		ID    string `json:"id"`
		Title string `json:"title" bson:"name"`
	}
	untagged struct {
		ID    string `json:"id"`
		Title string
	}
	noID struct {
		Title string `json:"title"`
	}
	intID struct {
		ID int `json:"id"`
	}
	hidden struct {
		ID string `json:"id"`
	}
	unexportedEmbed struct {
		hidden
		Title string `json:"title"`
	}
	plainID struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
)

func TestDocumentTypes(t *testing.T) {
	t.Parallel()
	db := notes(t).Database()
	ctx := t.Context()
	cases := map[string]struct {
		err   error
		field string
	}{
		"embedded without inline": {store.Insert(ctx, db.Collection("a"), noInline{}, t0, func() string { return "x" }).Error(), "Record"},
		"bson name differs":       {store.FindByID[renamed](ctx, db.Collection("b"), "x").Error(), "Title"},
		"untagged field":          {store.Count(ctx, db.Collection("c"), store.All[untagged]()).Error(), "Title"},
		"no id":                   {store.FindByID[noID](ctx, db.Collection("d"), "x").Error(), "id"},
		"unexported embedded":     {store.Count(ctx, db.Collection("g"), store.All[unexportedEmbed]()).Error(), "hidden"},
		"id not a string":         {store.Delete[intID](ctx, db.Collection("e"), "x").Error(), "id"},
		"a type without Record must carry its id": {store.Insert(ctx, db.Collection("f"), plainID{Title: "t"}, t0, func() string { return "x" }).Error(), "id"},
	}
	for name, tc := range cases {
		e := primitives.AsError(tc.err)
		d, _ := e.Data.(store.Invalidity)
		if !errors.Is(tc.err, store.Invalid) || d.Field != tc.field {
			t.Errorf("%s: err = %v (%+v), want store.Invalid naming %s", name, tc.err, e.Data, tc.field)
		}
	}
	// A type without Record, with its id set, is stored as it is.
	got, err := store.Insert(ctx, db.Collection("f"), plainID{ID: "k", Title: "t"}, t0, nil).Get()
	if err != nil || got != (plainID{ID: "k", Title: "t"}) {
		t.Errorf("Insert(plainID) = %+v, %v", got, err)
	}
}

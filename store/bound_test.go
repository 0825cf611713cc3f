package store_test

import (
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/store"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// Jotting belongs to the user who wrote it.
type Jotting struct {
	store.Owned `bson:",inline"`
	Text        string `json:"text"`
}

// Loose is a document type without an owner.
type Loose struct {
	store.Record `bson:",inline"`
	Text         string `json:"text"`
}

// TestBoundCollectionScopesEveryBlockToItsOwner drives the blocks of an
// owned Collection through HTTP: a user (here named by a header) creates
// and sees only their own jottings, another user's memo is not found by any
// block, a request with no owner touches nothing, and a collection with an
// Owner refuses a document type without store.Owned.
func TestBoundCollectionScopesEveryBlockToItsOwner(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	user := func(r *primitives.Request) string { return r.HTTP.Header.Get("X-User") }
	jottings := store.Collection[Jotting]{Name: "jottings", Owner: user, Order: store.OrderBy[Jotting]("text")}
	loose := store.Collection[Loose]{Name: "loose", Owner: user}
	ok := terminators.JSON(http.StatusOK, store.Errors)
	routes := []primitives.Mountable{
		primitives.Route{Method: "POST", Path: "/jottings/{text}", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Jotting] {
			return jottings.In(r).Insert(Jotting{Text: r.PathValue("text"), Owned: store.Owned{OwnerID: "forged"}})
		}, ok)},
		primitives.Route{Method: "GET", Path: "/jottings", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[primitives.Paged[Jotting]] {
			return jottings.In(r).List(primitives.Page{})
		}, ok)},
		primitives.Route{Method: "GET", Path: "/jottings/count", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[int64] {
			return jottings.In(r).Count(store.All[Jotting]())
		}, ok)},
		primitives.Route{Method: "GET", Path: "/jottings/{id}", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Jotting] {
			return jottings.In(r).FindByID(r.PathValue("id"))
		}, ok)},
		primitives.Route{Method: "DELETE", Path: "/jottings/{id}", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Jotting] {
			return jottings.In(r).Delete(r.PathValue("id"))
		}, ok)},
		primitives.Route{Method: "POST", Path: "/loose", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Loose] {
			return loose.In(r).Insert(Loose{Text: "x"})
		}, ok)},
	}
	h, err := (&primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler)}).Mount(t.Context(), routes...)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	ann := blockyardtest.WithHeader("X-User", "ann")
	bob := blockyardtest.WithHeader("X-User", "bob")

	a := c.Post("/jottings/b", nil, ann).ExpectStatus(t, http.StatusOK).Map()
	c.Post("/jottings/a", nil, ann).ExpectStatus(t, http.StatusOK)
	c.Post("/jottings/c", nil, bob).ExpectStatus(t, http.StatusOK)
	if a["ownerId"] != "ann" {
		t.Errorf("Insert kept the document's own owner: %v", a)
	}
	id := a["id"].(string)

	var page primitives.Paged[Jotting]
	c.Get("/jottings", ann).ExpectStatus(t, http.StatusOK).JSON(t, &page)
	if len(page.Data) != 2 || page.Data[0].Text != "a" || page.Data[1].Text != "b" || page.Metadata.Pagination.Total != 2 {
		t.Errorf("ann's page: %+v", page)
	}
	if n := c.Get("/jottings/count", bob).ExpectStatus(t, http.StatusOK).Body; string(n) != "1" {
		t.Errorf("bob's count: %s", n)
	}
	c.Get("/jottings/"+id, ann).ExpectStatus(t, http.StatusOK)
	c.Get("/jottings/"+id, bob).ExpectError(t, http.StatusNotFound, "Document not found")
	c.Delete("/jottings/"+id, bob).ExpectError(t, http.StatusNotFound, "Document not found")
	if n, _ := db.Collection("jottings").CountDocuments(t.Context(), bson.D{{Key: "id", Value: id}}); n != 1 {
		t.Errorf("bob's DELETE removed ann's memo")
	}
	c.Delete("/jottings/"+id, ann).ExpectStatus(t, http.StatusOK)

	// No owner: nothing read or written (a route missing its
	// authentication validator is the program's error, a 500).
	c.Get("/jottings").ExpectStatus(t, http.StatusInternalServerError)
	c.Post("/jottings/z", nil).ExpectStatus(t, http.StatusInternalServerError)
	c.Post("/loose", nil, ann).ExpectStatus(t, http.StatusInternalServerError)
	if n, _ := db.Collection("jottings").CountDocuments(t.Context(), bson.D{}); n != 2 {
		t.Errorf("%d jottings stored, want 2", n)
	}
	if n, _ := db.Collection("loose").CountDocuments(t.Context(), bson.D{}); n != 0 {
		t.Errorf("a document without an owner field was stored in an owned collection")
	}
}

// TestUpdateNeverWritesReadOnlyFields: whatever a route's schema let
// through, an update cannot give a document to someone else or rename it.
func TestUpdateNeverWritesReadOnlyFields(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	coll := db.Collection("jottings")
	now := time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
	j, err := store.Insert(t.Context(), coll, Jotting{Owned: store.Owned{OwnerID: "ann"}, Text: "a"}, now, func() string { return "j1" }).Get()
	if err != nil {
		t.Fatal(err)
	}
	forged := Jotting{Owned: store.Owned{OwnerID: "bob", Record: store.Record{ID: "j2", CreatedAt: "x"}}, Text: "b"}
	got, err := store.UpdateFields(t.Context(), coll, j.ID, forged, []string{"ownerId", "id", "createdAt", "text"}, now.Add(time.Second)).Get()
	if err != nil {
		t.Fatal(err)
	}
	if got.OwnerID != "ann" || got.ID != "j1" || got.CreatedAt != j.CreatedAt || got.Text != "b" {
		t.Errorf("after the update: %+v; want ann's j1 with text b", got)
	}
}

// TestCollectionSetup: an owned collection over a type without
// store.Owned stops Mount; a right one gets its indexes.
func TestCollectionSetup(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	svc := &primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler)}
	wrong := store.Collection[Loose]{Name: "loose", Owner: func(*primitives.Request) string { return "x" }}
	if _, err := svc.Mount(t.Context(), primitives.Feature{Name: "wrong", Setup: []*primitives.Setup{wrong.Setup()}}); err == nil {
		t.Error("Mount accepted an owned collection of a type without store.Owned")
	}
	right := store.Collection[Jotting]{Name: "jottings", Owner: func(*primitives.Request) string { return "x" }}
	if _, err := svc.Mount(t.Context(), primitives.Feature{Name: "right", Setup: []*primitives.Setup{right.Setup(store.Unique[Jotting]("ownerId", "text"))}}); err != nil {
		t.Fatal(err)
	}
	cur, err := db.Collection("jottings").Indexes().List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var specs []struct{ Name string }
	if err := cur.All(t.Context(), &specs); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range specs {
		names[s.Name] = true
	}
	for _, want := range []string{"id_1", "ownerId_1", "ownerId_1_text_1"} {
		if !names[want] {
			t.Errorf("index %s missing; have %v", want, names)
		}
	}
}

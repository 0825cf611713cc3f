package store_test

import (
	"context"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/store"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// Post is what a client sends: the same struct is the request body's
// schema and, inline, part of the stored document.
type Post struct {
	Title  string `json:"title" validate:"required,max=50"`
	Slug   string `json:"slug" validate:"required"`
	Status string `json:"status,omitempty" validate:"omitempty,oneof=draft published"`
}

// StoredPost is a Post as stored and answered.
type StoredPost struct {
	store.Record `bson:",inline"`
	Post         `bson:",inline"`
}

// The route table of a small posts resource made of the store's blocks.
var (
	postErrors = primitives.ErrorMap{{Kind: store.ErrNotFound, Status: http.StatusNotFound}, {Kind: store.ErrConflict, Status: http.StatusConflict}}
	postID     = schema.Param{Name: "id", In: schema.Path}
	postSetup  = primitives.NewSetup("posts: indexes", func(ctx context.Context, s *primitives.Service) error {
		return store.EnsureIndexes(ctx, s.Collection("posts"), store.Unique[StoredPost]("slug"))
	})
	postRoutes = []primitives.Route{
		{Method: "POST", Path: "/posts", Schema: model.Body[Post](), Setup: []*primitives.Setup{postSetup},
			Handler: primitives.Handle(func(r *primitives.Request) mo.Result[StoredPost] {
				return primitives.Then(model.Bind[Post](r), func(p Post) mo.Result[StoredPost] {
					return store.Insert(r.Context(), r.Service.Collection("posts"), StoredPost{Post: p}, r.Service.Now(), r.Service.ID)
				})
			}, terminators.JSON(http.StatusCreated, postErrors))},
		{Method: "GET", Path: "/posts/{id}", Schema: &schema.Request{Params: []schema.Param{postID}, Mode: schema.Strict}, Setup: []*primitives.Setup{postSetup},
			Handler: primitives.Handle(func(r *primitives.Request) mo.Result[StoredPost] {
				return store.FindByID[StoredPost](r.Context(), r.Service.Collection("posts"), r.PathValue("id"))
			}, terminators.JSON(http.StatusOK, postErrors))},
		{Method: "PATCH", Path: "/posts/{id}", Schema: model.PatchBody[Post](postID), Setup: []*primitives.Setup{postSetup},
			Handler: primitives.Handle(func(r *primitives.Request) mo.Result[StoredPost] {
				return primitives.Then(model.BindPatch[Post](r), func(p model.Patch[Post]) mo.Result[StoredPost] {
					return store.UpdateFields(r.Context(), r.Service.Collection("posts"), r.PathValue("id"), StoredPost{Post: p.Value}, p.Fields, r.Service.Now())
				})
			}, terminators.JSON(http.StatusOK, postErrors))},
		{Method: "DELETE", Path: "/posts/{id}", Schema: &schema.Request{Params: []schema.Param{postID}, Mode: schema.Strict}, Setup: []*primitives.Setup{postSetup},
			Handler: primitives.Handle(func(r *primitives.Request) mo.Result[StoredPost] {
				return store.Delete[StoredPost](r.Context(), r.Service.Collection("posts"), r.PathValue("id"))
			}, terminators.Empty(http.StatusNoContent, postErrors))},
	}
)

func TestPostsOverHTTP(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	clock := time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)
	ids := []string{"5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0a01", "5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0a02", "5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0a03"}
	svc := &primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler),
		Clock: func() time.Time { clock = clock.Add(time.Second); return clock },
		NewID: func() string { id := ids[0]; ids = ids[1:]; return id }}
	parts := make([]primitives.Mountable, len(postRoutes))
	for i, r := range postRoutes {
		parts[i] = r
	}
	h, err := svc.Mount(t.Context(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	posts := db.Collection("posts")
	body := func(r *blockyardtest.Response) string { return string(r.Body) }
	storedPost := func(id string) bson.M {
		var m bson.M
		if err := posts.FindOne(t.Context(), bson.D{{Key: "id", Value: id}}, nil).Decode(&m); err != nil {
			return nil
		}
		delete(m, "_id")
		return m
	}

	a := c.Post("/posts", map[string]any{"title": "Hello", "slug": "hello"}).ExpectStatus(t, http.StatusCreated)
	if want := `{"id":"5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0a01","createdAt":"2026-12-02T02:00:01.000Z","updatedAt":"2026-12-02T02:00:01.000Z","title":"Hello","slug":"hello"}`; body(a) != want {
		t.Errorf("POST: %s\nwant %s", a.Body, want)
	}
	c.Post("/posts", map[string]any{"title": "Other", "slug": "other", "status": "draft"}).ExpectStatus(t, http.StatusCreated)

	// The same slug again: 409 naming the field, nothing stored.
	r := c.Post("/posts", map[string]any{"title": "Again", "slug": "hello"})
	if r.Status != http.StatusConflict || body(r) != `{"error":{"message":"A document with this slug already exists"}}` {
		t.Errorf("duplicate POST: %d %s", r.Status, r.Body)
	}
	if n, _ := posts.CountDocuments(t.Context(), bson.D{}); n != 2 {
		t.Errorf("%d posts stored, want 2", n)
	}

	g := c.Get("/posts/"+ids0).ExpectStatus(t, http.StatusOK)
	if body(g) != body(a) {
		t.Errorf("GET: %s, want %s", g.Body, a.Body)
	}
	c.Get("/posts/nope").ExpectError(t, http.StatusNotFound, "Document not found")

	// PATCH writes the fields sent, and updatedAt.
	p := c.Patch("/posts/"+ids0, map[string]any{"status": "published"}).ExpectStatus(t, http.StatusOK)
	if want := `{"id":"5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0a01","createdAt":"2026-12-02T02:00:01.000Z","updatedAt":"2026-12-02T02:00:04.000Z","title":"Hello","slug":"hello","status":"published"}`; body(p) != want {
		t.Errorf("PATCH: %s\nwant %s", p.Body, want)
	}
	if d := storedPost(ids0); d["status"] != "published" || d["title"] != "Hello" || d["updatedAt"] != "2026-12-02T02:00:04.000Z" {
		t.Errorf("stored after PATCH: %v", d)
	}
	// PATCH to another post's slug: 409, the document unchanged.
	r = c.Patch("/posts/"+ids0, map[string]any{"slug": "other"})
	if r.Status != http.StatusConflict || body(r) != `{"error":{"message":"A document with this slug already exists"}}` {
		t.Errorf("duplicate PATCH: %d %s", r.Status, r.Body)
	}
	if d := storedPost(ids0); d["slug"] != "hello" {
		t.Errorf("stored after refused PATCH: %v", d)
	}
	c.Patch("/posts/nope", map[string]any{"title": "x"}).ExpectError(t, http.StatusNotFound, "Document not found")

	if r := c.Delete("/posts/" + ids0); r.Status != http.StatusNoContent || len(r.Body) != 0 {
		t.Errorf("DELETE: %d %s", r.Status, r.Body)
	}
	if d := storedPost(ids0); d != nil {
		t.Errorf("still stored: %v", d)
	}
	c.Delete("/posts/"+ids0).ExpectError(t, http.StatusNotFound, "Document not found")
}

const ids0 = "5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0a01"

package store_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/store"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// note is the document type of the tests: a Record, a unique slug, a
// unique (ownerId, title) pair, optional fields.
type note struct {
	store.Record `bson:",inline"`
	Title        string   `json:"title"`
	Slug         string   `json:"slug"`
	OwnerID      string   `json:"ownerId"`
	Status       status   `json:"status"`
	Rank         int      `json:"rank"`
	Body         string   `json:"body,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Meta         *meta    `json:"meta,omitempty"`
	Refs         []ref    `json:"refs,omitempty"`
}

type ref struct {
	OwnerID string `json:"ownerId"`
}

type status string

type meta struct {
	Source string `json:"source"`
}

var t0 = time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)

// notes is a fresh collection of notes with its indexes.
func notes(t *testing.T) *mongo.Collection {
	t.Helper()
	c := blockyardtest.Database(t).Collection("notes")
	if err := store.EnsureIndexes(t.Context(), c, store.Unique[note]("slug"), store.Unique[note]("ownerId", "title"), store.Index[note]{Fields: []string{"status"}}); err != nil {
		t.Fatal(err)
	}
	return c
}

// insert stores n or fails the test.
func insert(t *testing.T, c *mongo.Collection, n note) note {
	t.Helper()
	got, err := store.Insert(t.Context(), c, n, t0, uuid.NewString).Get()
	if err != nil {
		t.Fatalf("Insert(%+v): %v", n, err)
	}
	return got
}

// stored is the raw document with id, without _id.
func stored(t *testing.T, c *mongo.Collection, id string) bson.M {
	t.Helper()
	var m bson.M
	if err := c.FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Decode(&m); err != nil {
		if errors.Is(err, mongo.ErrNoDocuments) {
			return nil
		}
		t.Fatal(err)
	}
	delete(m, "_id")
	return m
}

func TestInsertFillsRecordAndStoresJSONNames(t *testing.T) {
	t.Parallel()
	c := notes(t)
	n := insert(t, c, note{Title: "a", Slug: "a", OwnerID: "o1", Status: "open", Rank: 2, Tags: []string{"x"}, Meta: &meta{Source: "web"}})
	if u, err := uuid.Parse(n.ID); err != nil || u.Version() != 4 {
		t.Errorf("id = %q, want a UUID v4", n.ID)
	}
	if n.CreatedAt != "2026-12-02T01:00:00.000Z" || n.UpdatedAt != n.CreatedAt {
		t.Errorf("timestamps = %q, %q", n.CreatedAt, n.UpdatedAt)
	}
	want := bson.M{"id": n.ID, "createdAt": n.CreatedAt, "updatedAt": n.UpdatedAt, "title": "a", "slug": "a", "ownerId": "o1",
		"status": "open", "rank": int32(2), "tags": bson.A{"x"}, "meta": bson.D{{Key: "source", Value: "web"}}}
	if got := stored(t, c, n.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("stored %v\nwant   %v", got, want)
	}
	got, err := store.FindByID[note](t.Context(), c, n.ID).Get()
	if err != nil || !reflect.DeepEqual(got, n) {
		t.Errorf("FindByID = %+v, %v; want %+v", got, err, n)
	}
	// The id is newID's, whatever the document said.
	k, err := store.Insert(t.Context(), c, note{Record: store.Record{ID: "chosen", CreatedAt: "x"}, Title: "b", Slug: "b"}, t0, func() string { return "fixed" }).Get()
	if err != nil || k.ID != "fixed" || k.CreatedAt != n.CreatedAt || stored(t, c, "fixed") == nil {
		t.Errorf("Insert = %+v, %v; want id fixed", k, err)
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	c := notes(t)
	n := insert(t, c, note{Title: "a", Slug: "a", OwnerID: "o1"})
	mine := store.Eq[note]("ownerId", "o1")
	other := store.Eq[note]("ownerId", "o2")
	checks := map[string]error{
		"FindByID missing":       store.FindByID[note](t.Context(), c, "nope").Error(),
		"FindByID out of scope":  store.FindByID(t.Context(), c, n.ID, other).Error(),
		"FindOne":                store.FindOne(t.Context(), c, store.Eq[note]("slug", "zz")).Error(),
		"UpdateFields missing":   store.UpdateFields(t.Context(), c, "nope", note{Title: "x"}, []string{"title"}, t0).Error(),
		"UpdateFields out scope": store.UpdateFields(t.Context(), c, n.ID, note{Title: "x"}, []string{"title"}, t0, other).Error(),
		"Delete missing":         store.Delete[note](t.Context(), c, "nope").Error(),
		"Delete out of scope":    store.Delete(t.Context(), c, n.ID, other).Error(),
	}
	for name, err := range checks {
		if !store.IsNotFound(err) || !errors.Is(err, store.NotFound) {
			t.Errorf("%s: err = %v, want store.NotFound", name, err)
		}
	}
	if got := stored(t, c, n.ID); got["title"] != "a" {
		t.Errorf("out-of-scope writes changed the document: %v", got)
	}
	if _, err := store.FindByID(t.Context(), c, n.ID, mine).Get(); err != nil {
		t.Errorf("FindByID in scope: %v", err)
	}
}

func TestUpdateFields(t *testing.T) {
	t.Parallel()
	c := notes(t)
	n := insert(t, c, note{Title: "a", Slug: "a", OwnerID: "o1", Status: "open", Body: "text", Tags: []string{"x"}, Rank: 1})
	later := t0.Add(time.Minute)
	// title and body are patched (body to its omitempty zero: removed),
	// id and createdAt in the list are ignored, rank is not listed.
	got, err := store.UpdateFields(t.Context(), c, n.ID, note{Record: store.Record{ID: "other", CreatedAt: "x"}, Title: "b", Rank: 9}, []string{"title", "body", "id", "createdAt", "title"}, later).Get()
	if err != nil {
		t.Fatal(err)
	}
	want := n
	want.Title, want.Body, want.UpdatedAt = "b", "", "2026-12-02T01:01:00.000Z"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UpdateFields = %+v\nwant %+v", got, want)
	}
	doc := stored(t, c, n.ID)
	if _, has := doc["body"]; has || doc["title"] != "b" || doc["rank"] != int32(1) || doc["updatedAt"] != want.UpdatedAt || doc["createdAt"] != n.CreatedAt {
		t.Errorf("stored %v", doc)
	}
	// Update is UpdateFields of a model.Patch.
	got, err = store.Update(t.Context(), c, n.ID, model.Patch[note]{Value: note{Rank: 7, Status: "done"}, Fields: []string{"rank"}}, later.Add(time.Second)).Get()
	if err != nil || got.Rank != 7 || got.Status != "open" || got.UpdatedAt != "2026-12-02T01:01:01.000Z" {
		t.Errorf("Update = %+v, %v", got, err)
	}
	err = store.UpdateFields(t.Context(), c, n.ID, note{}, []string{"titel"}, later).Error()
	if !errors.Is(err, store.Invalid) {
		t.Errorf("unknown field: err = %v, want store.Invalid", err)
	}
}

func TestDelete(t *testing.T) {
	t.Parallel()
	c := notes(t)
	n := insert(t, c, note{Title: "a", Slug: "a"})
	got, err := store.Delete[note](t.Context(), c, n.ID).Get()
	if err != nil || got.ID != n.ID || got.Title != "a" {
		t.Errorf("Delete = %+v, %v", got, err)
	}
	if d := stored(t, c, n.ID); d != nil {
		t.Errorf("still stored: %v", d)
	}
}

// conflictOf returns the fields of err's conflict, failing the test when
// err is not one.
func conflictOf(t *testing.T, err error) []string {
	t.Helper()
	cf, ok := store.IsConflict(err)
	if !ok {
		t.Fatalf("err = %v, want a conflict", err)
	}
	e := primitives.AsError(err)
	if !reflect.DeepEqual(e.Data, cf) {
		t.Errorf("Data = %#v", e.Data)
	}
	return cf.Fields
}

func TestDuplicateOnInsert(t *testing.T) {
	t.Parallel()
	c := notes(t)
	first := insert(t, c, note{Title: "a", Slug: "a", OwnerID: "o1"})
	cases := []struct {
		name string
		doc  note
		want []string
		msg  string
	}{
		{"slug", note{Title: "b", Slug: "a", OwnerID: "o1"}, []string{"slug"}, "A document with this slug already exists"},
		{"owner and title", note{Title: "a", Slug: "b", OwnerID: "o1"}, []string{"ownerId", "title"}, "A document with this ownerId and title already exists"},
		{"id", note{Title: "c", Slug: "c"}, []string{"id"}, "A document with this id already exists"},
		// Both indexes are violated: the first unique index by name
		// (ownerId_1_title_1 < slug_1) is named, on either database.
		{"slug and owner/title", note{Title: "a", Slug: "a", OwnerID: "o1"}, []string{"ownerId", "title"}, "A document with this ownerId and title already exists"},
	}
	for _, tc := range cases {
		id := uuid.NewString
		if tc.name == "id" {
			id = func() string { return first.ID }
		}
		err := store.Insert(t.Context(), c, tc.doc, t0, id).Error()
		if got := conflictOf(t, err); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields = %v, want %v", tc.name, got, tc.want)
		}
		if m := primitives.AsError(err).Message; m != tc.msg {
			t.Errorf("%s: message = %q, want %q", tc.name, m, tc.msg)
		}
	}
	if n, _ := store.Count(t.Context(), c, store.All[note]()).Get(); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
	// Another owner may reuse the title.
	insert(t, c, note{Title: "a", Slug: "b", OwnerID: "o2"})
}

func TestDuplicateOnUpdate(t *testing.T) {
	t.Parallel()
	c := notes(t)
	insert(t, c, note{Title: "a", Slug: "a", OwnerID: "o1"})
	n := insert(t, c, note{Title: "b", Slug: "b", OwnerID: "o1"})
	cases := []struct {
		name   string
		patch  note
		fields []string
		want   []string
	}{
		{"slug", note{Slug: "a"}, []string{"slug"}, []string{"slug"}},
		// The pair is violated by changing one of its fields: the other
		// comes from the stored document.
		{"title of the same owner", note{Title: "a"}, []string{"title"}, []string{"ownerId", "title"}},
	}
	for _, tc := range cases {
		err := store.UpdateFields(t.Context(), c, n.ID, tc.patch, tc.fields, t0.Add(time.Second)).Error()
		if got := conflictOf(t, err); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields = %v, want %v", tc.name, got, tc.want)
		}
	}
	if d := stored(t, c, n.ID); d["slug"] != "b" || d["title"] != "b" || d["updatedAt"] != n.UpdatedAt {
		t.Errorf("a refused update changed the document: %v", d)
	}
	// Writing a document's own unique values again is no conflict.
	if _, err := store.UpdateFields(t.Context(), c, n.ID, note{Slug: "b", Title: "b"}, []string{"slug", "title"}, t0.Add(time.Second)).Get(); err != nil {
		t.Errorf("rewriting own values: %v", err)
	}
}

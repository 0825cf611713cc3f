package store_test

import (
	"encoding/json"
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

// Memo is a model written once: the stored document, the request body
// and the answer. The server owns id, createdAt and updatedAt (from
// store.Record), ownerId and each link's addedAt; a body may not send them.
type Memo struct {
	store.Record `bson:",inline"`
	Title        string     `json:"title" validate:"required,max=50"`
	OwnerID      string     `json:"ownerId" readOnly:"true"`
	Links        []MemoLink `json:"links,omitempty" validate:"omitempty,max=3"`
}

// MemoLink is a nested object with a server-owned field.
type MemoLink struct {
	URL     string `json:"url" validate:"url"`
	AddedAt string `json:"addedAt,omitempty" readOnly:"true"`
}

const memoOwner = "0c9a4a52-3d5e-4a8e-9b7e-6f1e2d3c4b5a"

var memoRoutes = []primitives.Route{
	{Method: "POST", Path: "/memos", Schema: model.Body[Memo](),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Memo] {
			return primitives.Then(model.Bind[Memo](r), func(m Memo) mo.Result[Memo] {
				m.OwnerID = memoOwner // the caller, in a real route
				for i := range m.Links {
					m.Links[i].AddedAt = store.Timestamp(r.Service.Now())
				}
				return store.Insert(r.Context(), r.Service.Collection("memos"), m, r.Service.Now(), r.Service.ID)
			})
		}, terminators.JSON(http.StatusCreated, nil))},
	{Method: "PATCH", Path: "/memos/{id}", Schema: model.PatchBody[Memo](postID),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Memo] {
			return primitives.Then(model.BindPatch[Memo](r), func(p model.Patch[Memo]) mo.Result[Memo] {
				return store.Update(r.Context(), r.Service.Collection("memos"), r.PathValue("id"), p, r.Service.Now())
			})
		}, terminators.JSON(http.StatusOK, primitives.ErrorMap{{Kind: store.ErrNotFound, Status: http.StatusNotFound}}))},
}

// TestReadOnlyFieldsOverHTTP: a body that sends a field the server owns
// (store.Record's id, createdAt, updatedAt, or a readOnly-tagged field,
// at any depth) is a 400 naming it with rule "readOnly", not the generic
// unknown-field problem, and nothing is stored; a valid body is stored
// with the server's id and timestamps.
func TestReadOnlyFieldsOverHTTP(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	const serverID = "5b0b1c6e-0a3c-4f0e-9c39-1f4d2b7c0b01"
	svc := &primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler),
		Clock: func() time.Time { return time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC) },
		NewID: func() string { return serverID }}
	parts := make([]primitives.Mountable, len(memoRoutes))
	for i, r := range memoRoutes {
		parts[i] = r
	}
	h, err := svc.Mount(t.Context(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	memos := db.Collection("memos")
	problems := func(r *blockyardtest.Response) string {
		t.Helper()
		r.ExpectError(t, http.StatusBadRequest, "Validation Error")
		var env struct {
			Error struct {
				Data []schema.Problem `json:"data"`
			} `json:"error"`
		}
		r.JSON(t, &env)
		b, _ := json.Marshal(env.Error.Data)
		return string(b)
	}
	readOnly := func(loc string) string {
		return `{"location":"` + loc + `","rule":"readOnly","message":"is set by the server"}`
	}

	for _, tc := range []struct {
		name, body, want string
	}{
		{"id", `{"title":"a","id":"` + memoOwner + `"}`, `[` + readOnly("body.id") + `]`},
		{"createdAt", `{"title":"a","createdAt":"2020-01-01T00:00:00.000Z"}`, `[` + readOnly("body.createdAt") + `]`},
		{"updatedAt of any type", `{"title":"a","updatedAt":5}`, `[` + readOnly("body.updatedAt") + `]`},
		{"ownerId", `{"title":"a","ownerId":"me"}`, `[` + readOnly("body.ownerId") + `]`},
		{"nested", `{"title":"a","links":[{"url":"https://a.io"},{"url":"https://b.io","addedAt":"x"}]}`, `[` + readOnly("body.links[1].addedAt") + `]`},
		{"read-only and unknown are told apart", `{"id":"x","title":"a","bogus":1}`,
			`[` + readOnly("body.id") + `,{"location":"body.bogus","rule":"unknown","message":"is not allowed"}]`},
		{"read-only fields are not required", `{}`, `[{"location":"body.title","rule":"required","message":"is required"}]`},
	} {
		if got := problems(c.Post("/memos", tc.body)); got != tc.want {
			t.Errorf("POST %s: %s\n got %s\nwant %s", tc.name, tc.body, got, tc.want)
		}
	}
	if n, _ := memos.CountDocuments(t.Context(), bson.D{}); n != 0 {
		t.Fatalf("%d memos stored from refused bodies", n)
	}

	// A valid body: the server's id, timestamps and owner.
	r := c.Post("/memos", `{"title":"Hello","links":[{"url":"https://a.io"}]}`).ExpectStatus(t, http.StatusCreated)
	want := `{"id":"` + serverID + `","createdAt":"2026-12-02T02:00:00.000Z","updatedAt":"2026-12-02T02:00:00.000Z",` +
		`"title":"Hello","ownerId":"` + memoOwner + `","links":[{"url":"https://a.io","addedAt":"2026-12-02T02:00:00.000Z"}]}`
	if string(r.Body) != want {
		t.Errorf("POST: %s\nwant %s", r.Body, want)
	}
	var stored Memo
	if err := memos.FindOne(t.Context(), bson.D{{Key: "id", Value: serverID}}).Decode(&stored); err != nil {
		t.Fatalf("the memo is not stored under the server's id: %v", err)
	}

	// A partial update may not write them either.
	if got, want := problems(c.Patch("/memos/"+serverID, `{"ownerId":"me","createdAt":"2020-01-01T00:00:00.000Z"}`)),
		`[`+readOnly("body.createdAt")+`,`+readOnly("body.ownerId")+`]`; got != want {
		t.Errorf("PATCH\n got %s\nwant %s", got, want)
	}
	c.Patch("/memos/"+serverID, `{"title":"Renamed"}`).ExpectStatus(t, http.StatusOK)
	var after bson.M
	if err := memos.FindOne(t.Context(), bson.D{{Key: "id", Value: serverID}}).Decode(&after); err != nil {
		t.Fatal(err)
	}
	if after["title"] != "Renamed" || after["ownerId"] != memoOwner || after["createdAt"] != "2026-12-02T02:00:00.000Z" {
		t.Errorf("stored after PATCH: %v", after)
	}
}

package validators_test

import (
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// The per-request organization memory is keyed by id: a request that
// addresses two organizations gets each one, and the same one twice from
// memory.
func TestOrganizationIsRememberedPerID(t *testing.T) {
	db := blockyardtest.Database(t)
	for _, id := range []string{"a", "b"} {
		if _, err := db.Collection("organizations").InsertOne(t.Context(), bson.D{{Key: "id", Value: id}, {Key: "name", Value: "Org " + id}}); err != nil {
			t.Fatal(err)
		}
	}
	first, second := validators.PathValue("first"), validators.PathValue("second")
	route := primitives.Route{Method: "GET", Path: "/pair/{first}/{second}", Handler: primitives.Handle(func(r *primitives.Request) mo.Result[[]string] {
		var names []string
		for _, src := range []validators.Source{first, second, first} {
			org, err := validators.Organization(r, src).Get()
			if err != nil {
				return mo.Err[[]string](err)
			}
			names = append(names, org.Name)
		}
		return mo.Ok(names)
	}, terminators.JSON(http.StatusOK, nil)),
		Errors: []*primitives.Error{blocks.ErrOrganizationNotFound, blocks.ErrGetOrganization}} // the lookup's, for the API document
	svc := &primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(context.Background(), route)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	if r := c.Get("/pair/a/b"); string(r.Body) != `["Org a","Org b","Org a"]` {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
	c.Get("/pair/a/missing").ExpectError(t, http.StatusNotFound, "Organization not found")
}

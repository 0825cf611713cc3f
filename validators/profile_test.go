package validators_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// TestOwnsProfileMessages checks each OwnsProfile answer on its own (routes
// combine it with the admin check, whose error hides these).
func TestOwnsProfileMessages(t *testing.T) {
	t.Parallel()
	e := newIdentityEnv(t,
		okRoute(http.MethodGet, "/profiles/{profileId}", validators.OwnsProfile(validators.PathValue("profileId"))),
		okRoute(http.MethodGet, "/no-id", validators.OwnsProfile(validators.QueryValue("profileId"))),
	)
	ownerID, owner := e.identity("owner@example.com", "")
	_, other := e.identity("other@example.com", "100")
	profiles := e.identities.Database().Collection("profiles")
	if err := blocks.CreateProfile(t.Context(), profiles, blocks.NewProfile{IdentityID: ownerID, Name: "n"}, e.now, func() string { return "p-1" }).Error(); err != nil {
		t.Fatal(err)
	}
	if _, err := profiles.InsertOne(t.Context(), bson.D{bson.E{Key: "id", Value: "ownerless"}, bson.E{Key: "name", Value: "n"}}); err != nil {
		t.Fatal(err)
	}
	app := e.c.With(blockyardtest.WithBearer(e.issue(token.NewAppAccess("app").Stamp(e.now, time.Minute))))

	owner.Get("/profiles/p-1").ExpectStatus(t, http.StatusNoContent)
	// Being a system admin is not owning (routes add the admin check).
	other.Get("/profiles/p-1").ExpectError(t, http.StatusForbidden, "Identity is not the owner of the resource")
	owner.Get("/profiles/missing").ExpectError(t, http.StatusForbidden, "Invalid owner ID")
	owner.Get("/profiles/ownerless").ExpectError(t, http.StatusForbidden, "Invalid owner ID")
	owner.Get("/no-id").ExpectError(t, http.StatusBadRequest, "Invalid resource ID")
	app.Get("/profiles/p-1").ExpectError(t, http.StatusUnauthorized, "Invalid token")
	e.c.Get("/profiles/p-1").ExpectError(t, http.StatusUnauthorized, "token could not be verified")
}

// TestProfileIsRememberedPerID: OwnsProfile and the handler share one
// lookup of the addressed profile (a change stored after it is not seen
// again within the request), while another id is looked up on its own.
func TestProfileIsRememberedPerID(t *testing.T) {
	t.Parallel()
	first, second := validators.PathValue("first"), validators.PathValue("second")
	var profiles *mongo.Collection
	route := primitives.Route{
		Method: http.MethodGet, Path: "/pair/{first}/{second}",
		Validators: []primitives.Validator{validators.OwnsProfile(first)},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[[]string] {
			// Renamed after OwnsProfile read it: the handler still sees
			// what OwnsProfile saw.
			if _, err := profiles.UpdateOne(r.Context(), bson.D{bson.E{Key: "id", Value: "a"}}, bson.D{bson.E{Key: "$set", Value: bson.D{bson.E{Key: "name", Value: "renamed"}}}}); err != nil {
				return mo.Err[[]string](err)
			}
			var names []string
			for _, src := range []validators.Source{first, second, first} {
				p, err := validators.Profile(r, src).Get()
				if err != nil {
					return mo.Err[[]string](err)
				}
				names = append(names, p.Name)
			}
			return mo.Ok(names)
		}, terminators.JSON(http.StatusOK, primitives.ErrorMap{{Kind: blocks.KindProfileNotFound, Status: http.StatusNotFound}})),
	}
	e := newIdentityEnv(t, route)
	ownerID, owner := e.identity("owner@example.com", "")
	profiles = e.identities.Database().Collection("profiles")
	for _, id := range []string{"a", "b"} {
		if err := blocks.CreateProfile(t.Context(), profiles, blocks.NewProfile{IdentityID: ownerID, Name: "Profile " + id}, e.now, func() string { return id }).Error(); err != nil {
			t.Fatal(err)
		}
	}
	// b is read after a, then a again: the memory holds the last id only,
	// so the second read of a is fresh.
	if r := owner.Get("/pair/a/b"); string(r.Body) != `["Profile a","Profile b","renamed"]` {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
	owner.Get("/pair/a/missing").ExpectError(t, http.StatusNotFound, "Profile not found")
}

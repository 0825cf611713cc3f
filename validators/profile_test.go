package validators_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/validators"
	"go.mongodb.org/mongo-driver/v2/bson"
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

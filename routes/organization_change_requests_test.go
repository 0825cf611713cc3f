package routes_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/routes"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestChangeRequestAuthorIsTheAuthenticatedPrincipal: a host application
// with its own authenticator (no Blockyard token at all) creates change
// requests, and their author is the identity its authenticator verified.
func TestChangeRequestAuthorIsTheAuthenticatedPrincipal(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	ctx := t.Context()
	if _, err := db.Collection("identities").InsertOne(ctx, bson.D{
		bson.E{Key: "id", Value: "host-user"}, bson.E{Key: "email", Value: "host@example.com"}, bson.E{Key: "typeId", Value: "001"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("organizations").InsertOne(ctx, blocks.Organization{
		Name: "Org", ID: "org-1", Ancestors: []string{}, Members: []blocks.Member{{IdentityID: "host-user", Role: "owner"}},
	}); err != nil {
		t.Fatal(err)
	}
	// The host's authenticator trusts a header set by its gateway.
	auth := primitives.AuthenticatorFunc(func(r *primitives.Request) (*primitives.Principal, error) {
		id := r.HTTP.Header.Get("X-Host-User")
		if id == "" {
			return nil, primitives.StatusError(http.StatusUnauthorized, "no host user")
		}
		return &primitives.Principal{IdentityID: id, AccessType: "user"}, nil
	})
	svc := &primitives.Service{DB: db, Auth: auth, Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(ctx, routes.CreateChangeRequest)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)

	c.Post("/organizations/org-1/change-requests", map[string]any{"branchName": "B"}, blockyardtest.WithHeader("X-Host-User", "host-user")).
		ExpectStatus(t, http.StatusNoContent)
	var cr bson.M
	if err := db.Collection("organizationChangeRequests").FindOne(ctx, bson.D{bson.E{Key: "organizationId", Value: "org-1"}}).Decode(&cr); err != nil {
		t.Fatal(err)
	}
	if cr["identityId"] != "host-user" || cr["branchName"] != "B" {
		t.Errorf("stored change request %v", cr)
	}
	c.Post("/organizations/org-1/change-requests", map[string]any{"branchName": "B"}).ExpectError(t, http.StatusUnauthorized, "no host user")
	if n, err := db.Collection("organizationChangeRequests").CountDocuments(ctx, bson.D{}); err != nil || n != 1 {
		t.Errorf("%d change requests stored (%v), want 1", n, err)
	}
}

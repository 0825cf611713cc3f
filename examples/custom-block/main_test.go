package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

func TestSummarizeOrganization(t *testing.T) {
	parent := "p"
	got := SummarizeOrganization(&blocks.Organization{
		ID: "o", Name: "Acme", Ancestors: []string{"root", parent}, ParentID: &parent,
		Members: []blocks.Member{{IdentityID: "a", Role: "owner"}, {IdentityID: "b", Role: "member"}, {IdentityID: "c", Role: "member"}},
	})
	if got.MemberCount != 3 || got.RoleCounts["owner"] != 1 || got.RoleCounts["member"] != 2 || got.Depth != 2 || got.Name != "Acme" {
		t.Errorf("summary %+v", got)
	}
}

func TestOrganizationSummaryRoute(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := &primitives.Service{
		DB:       blockyardtest.Database(t),
		Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: "test-encryption-secret", Sign: "test-signing-secret-1"}}},
	}
	h, err := newHandler(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	router, err := mountAPI(ctx, svc) // the same routes, for the document the client checks answers against
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h).CheckedAgainst(router.Routes(), "")
	now := time.Now()
	identities := nodeblocks.Identities(svc)
	orgs := nodeblocks.Organizations(svc)

	// Fixtures straight from Blockyard's blocks: an admin, an owner, a
	// member and a stranger, and an organization.
	const password = "a-password-for-tests"
	blocks.EnsureAdmin(ctx, identities, blocks.AdminSpec{Email: "admin@example.com", Password: password, AdminTypeID: "100"}, now, uuid.NewString).MustGet()
	newIdentity := func(email string) string {
		return blocks.CreateIdentity(ctx, identities, blocks.NewIdentity{Email: email, Password: password}, now, uuid.NewString).MustGet().ID
	}
	owner, member := newIdentity("owner@example.com"), newIdentity("member@example.com")
	newIdentity("stranger@example.com")
	org := blocks.CreateOrganization(ctx, orgs, nil, blocks.NewOrganization{
		Organization: blocks.OrganizationFields{Name: new("Acme"), Description: new("Anvils"), ContactEmail: new("hello@acme.example")},
		OwnerID:      owner,
	}, nil, nodeblocks.Settings.Of(svc).OrganizationRoles, now, uuid.NewString()).MustGet()
	blocks.UpsertOrganizationMembers(ctx, orgs, org.ID, []blocks.Member{{IdentityID: member, Role: "member"}}, nodeblocks.Settings.Of(svc).OrganizationRoles, time.Now).MustGet()

	login := func(email string) *blockyardtest.Client {
		token := c.Post("/auth/login", map[string]string{"email": email, "password": password}).ExpectStatus(t, http.StatusOK).Map()["accessToken"].(string)
		return c.With(blockyardtest.WithBearer(token))
	}
	summary := "/organizations/" + org.ID + "/summary"

	for _, email := range []string{"admin@example.com", "member@example.com"} {
		got := login(email).Get(summary).ExpectStatus(t, http.StatusOK).Map()
		if got["name"] != "Acme" || got["memberCount"] != 2.0 || got["depth"] != 0.0 {
			t.Errorf("%s: summary %v", email, got)
		}
	}
	// The mounted library route works alongside the custom one.
	login("member@example.com").Get("/organizations/"+org.ID).ExpectStatus(t, http.StatusOK)

	login("stranger@example.com").Get(summary).ExpectStatus(t, http.StatusForbidden)
	login("admin@example.com").Get("/organizations/nope/summary").ExpectError(t, http.StatusNotFound, "Organization not found")
	c.Get(summary).ExpectStatus(t, http.StatusUnauthorized)

	// The API document lists the custom route next to the library's.
	var doc struct {
		Paths map[string]map[string]any
	}
	c.Get("/openapi.json").ExpectStatus(t, http.StatusOK).JSON(t, &doc)
	for path, method := range map[string]string{"/auth/login": "post", "/organizations/{organizationId}": "get", "/organizations/{organizationId}/summary": "get"} {
		if doc.Paths[path][method] == nil {
			t.Errorf("the document lacks %s %s", method, path)
		}
	}
	c.Get("/openapi-3.0.json").ExpectStatus(t, http.StatusOK)
	c.Get("/docs").ExpectStatus(t, http.StatusOK)
}

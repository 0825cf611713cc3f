package main

import (
	"net/http"
	"testing"
)

func TestUserRoutes(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	acme := a.createOrg(t, map[string]any{"name": "Acme", "email": "a@example.com"})
	beta := a.createOrg(t, map[string]any{"name": "Beta", "email": "b@example.com"})

	// POST /organizations/{id}/users
	ann := decode[User](t, a.admin.Post("/api/organizations/"+acme.ID+"/users", map[string]any{"name": "Ann", "role": "Admin"}).ExpectStatus(t, http.StatusCreated))
	if ann.Name != "Ann" || ann.Role != RoleAdmin || ann.OrganizationID != acme.ID || ann.ID == "" || ann.CreatedAt == "" {
		t.Errorf("created %+v", ann)
	}
	bob := decode[User](t, a.admin.Post("/api/organizations/"+beta.ID+"/users", map[string]any{"name": "Bob", "role": "Co-ordinator"}).ExpectStatus(t, http.StatusCreated))
	expectMessage(t, a.admin.Post("/api/organizations/nope/users", map[string]any{"name": "X", "role": "Admin"}), http.StatusNotFound, "Organization not found")
	expectProblem(t, a.admin.Post("/api/organizations/"+acme.ID+"/users", map[string]any{"name": "X", "role": "Boss"}), "body.role", "enum")
	expectProblem(t, a.admin.Post("/api/organizations/"+acme.ID+"/users", map[string]any{"role": "Admin"}), "body.name", "required")

	// GET /organizations/{id}/users: 404, not the original's 440.
	var of []User
	a.admin.Get("/api/organizations/"+acme.ID+"/users").ExpectStatus(t, http.StatusOK).JSON(t, &of)
	if len(of) != 1 || of[0].ID != ann.ID {
		t.Errorf("users of acme %+v", of)
	}
	expectMessage(t, a.admin.Get("/api/organizations/nope/users"), http.StatusNotFound, "Organization not found")
	if got := decode[OrganizationWithUsers](t, a.admin.Get("/api/organizations/"+acme.ID)); len(got.Users) != 1 || got.Users[0].Name != "Ann" {
		t.Errorf("organization's users %+v", got.Users)
	}

	// GET /users: every user with its organization's name.
	all := decode[[]UserWithOrganization](t, a.admin.Get("/api/users").ExpectStatus(t, http.StatusOK))
	if len(all) != 2 || all[0].ID != ann.ID || all[0].Organization == nil || all[0].Organization.Name != "Acme" || all[1].Organization.Name != "Beta" {
		t.Errorf("users %+v", all)
	}
	// GET /users/{id}
	got := decode[UserWithOrganization](t, a.admin.Get("/api/users/"+bob.ID).ExpectStatus(t, http.StatusOK))
	if got.Name != "Bob" || got.Organization == nil || got.Organization.Name != "Beta" {
		t.Errorf("user %+v", got)
	}
	if m := a.admin.Get("/api/users/" + bob.ID).Map(); m["organization"].(map[string]any)["name"] != "Beta" {
		t.Errorf("user JSON %v", m)
	}
	expectMessage(t, a.admin.Get("/api/users/nope"), http.StatusNotFound, "User not found")

	// PUT /users/{id}
	upd := decode[User](t, a.admin.Put("/api/users/"+ann.ID, map[string]any{"role": "Co-ordinator"}).ExpectStatus(t, http.StatusOK))
	if upd.Role != RoleCoordinator || upd.Name != "Ann" || upd.OrganizationID != acme.ID {
		t.Errorf("updated %+v", upd)
	}
	if s := stored(t, a, usersCollection, ann.ID); s["role"] != RoleCoordinator || s["name"] != "Ann" {
		t.Errorf("stored %v", s)
	}
	expectProblem(t, a.admin.Put("/api/users/"+ann.ID, map[string]any{"role": "Boss"}), "body.role", "enum")
	expectProblem(t, a.admin.Put("/api/users/"+ann.ID, map[string]any{"name": ""}), "body.name", "minLength")
	expectMessage(t, a.admin.Put("/api/users/nope", map[string]any{"role": "Admin"}), http.StatusNotFound, "User not found")

	// DELETE /users/{id}
	expectMessage(t, a.admin.Delete("/api/users/"+ann.ID), http.StatusOK, "User deleted successfully")
	expectMessage(t, a.admin.Delete("/api/users/"+ann.ID), http.StatusNotFound, "User not found")
	expectMessage(t, a.admin.Get("/api/users/"+ann.ID), http.StatusNotFound, "User not found")
	if n, _ := a.svc.DB.Collection(usersCollection).CountDocuments(t.Context(), map[string]string{"id": ann.ID}); n != 0 {
		t.Errorf("deleted user still stored")
	}
}

// TestAdministratorsOnly: every route of the API needs an administrator's
// token (the original had no authentication); GET / and the page do not.
func TestAdministratorsOnly(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	org := a.createOrg(t, map[string]any{"name": "Acme", "email": "a@example.com"})
	user := decode[User](t, a.admin.Post("/api/organizations/"+org.ID+"/users", map[string]any{"name": "Ann", "role": "Admin"}).ExpectStatus(t, http.StatusCreated))
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, "/api/organizations"},
		{http.MethodGet, "/api/organizations/" + org.ID},
		{http.MethodPost, "/api/organizations"},
		{http.MethodPut, "/api/organizations/" + org.ID},
		{http.MethodGet, "/api/organizations/" + org.ID + "/users"},
		{http.MethodPost, "/api/organizations/" + org.ID + "/users"},
		{http.MethodGet, "/api/users"},
		{http.MethodGet, "/api/users/" + user.ID},
		{http.MethodPut, "/api/users/" + user.ID},
		{http.MethodDelete, "/api/users/" + user.ID},
	} {
		var body any
		if r.method == http.MethodPost || r.method == http.MethodPut {
			body = map[string]any{"name": "Evil", "email": "evil@example.com", "role": "Admin"}
		}
		a.anon.Do(r.method, r.path, body).ExpectStatus(t, http.StatusUnauthorized)
		a.user.Do(r.method, r.path, body).ExpectStatus(t, http.StatusForbidden)
	}
	expectMessage(t, a.user.Get("/api/organizations"), http.StatusForbidden, "Invalid identity type ID")
	// Nothing was written by the refused requests.
	if n, _ := a.svc.DB.Collection(organizationsCollection).CountDocuments(t.Context(), map[string]any{}); n != 1 {
		t.Errorf("%d organizations, want 1", n)
	}
	if s := stored(t, a, usersCollection, user.ID); s["name"] != "Ann" {
		t.Errorf("user changed: %v", s)
	}
}

// TestPaging: a list asked with page or limit is a page with its
// metadata; without, the original's bare array.
func TestPaging(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	for _, name := range []string{"Delta", "Alpha", "Echo", "Charlie", "Bravo"} {
		org := a.createOrg(t, map[string]any{"name": name, "email": name + "@example.com"})
		a.admin.Post("/api/organizations/"+org.ID+"/users", map[string]any{"name": "U " + name, "role": "Admin"}).ExpectStatus(t, http.StatusCreated)
	}
	type page[T any] struct {
		Data     []T `json:"data"`
		Metadata struct {
			Pagination struct {
				Page, Limit, TotalPages int
				Total                   int64
				HasNext, HasPrev        bool
			} `json:"pagination"`
		} `json:"metadata"`
	}
	p := decode[page[OrganizationSummary]](t, a.admin.Get("/api/organizations?page=2&limit=2").ExpectStatus(t, http.StatusOK))
	pg := p.Metadata.Pagination
	if len(p.Data) != 2 || p.Data[0].Name != "Charlie" || p.Data[1].Name != "Delta" || pg.Page != 2 || pg.Limit != 2 || pg.Total != 5 ||
		pg.TotalPages != 3 || !pg.HasNext || !pg.HasPrev {
		t.Errorf("page 2 of organizations: %+v", p)
	}
	if p := decode[page[OrganizationSummary]](t, a.admin.Get("/api/organizations?limit=3")); len(p.Data) != 3 || p.Metadata.Pagination.Page != 1 {
		t.Errorf("limit only: %+v", p)
	}
	if all := decode[[]OrganizationSummary](t, a.admin.Get("/api/organizations")); len(all) != 5 || all[0].Name != "Alpha" {
		t.Errorf("bare array: %+v", all)
	}
	u := decode[page[UserWithOrganization]](t, a.admin.Get("/api/users?page=3&limit=2").ExpectStatus(t, http.StatusOK))
	if len(u.Data) != 1 || u.Data[0].Name != "U Bravo" || u.Data[0].Organization.Name != "Bravo" || u.Metadata.Pagination.Total != 5 {
		t.Errorf("page 3 of users: %+v", u)
	}
	if len(decode[[]UserWithOrganization](t, a.admin.Get("/api/users"))) != 5 {
		t.Error("bare users")
	}
	org := decode[[]OrganizationSummary](t, a.admin.Get("/api/organizations"))[0]
	if p := decode[page[User]](t, a.admin.Get("/api/organizations/"+org.ID+"/users?page=1")); len(p.Data) != 1 || p.Metadata.Pagination.Total != 1 {
		t.Errorf("page of an organization's users: %+v", p)
	}
	expectProblem(t, a.admin.Get("/api/organizations?limit=0"), "query.limit", "minimum")
	expectProblem(t, a.admin.Get("/api/organizations?limit=101"), "query.limit", "maximum")
	expectProblem(t, a.admin.Get("/api/organizations?page=x"), "query.page", "type")
	expectProblem(t, a.admin.Get("/api/users?sort=name"), "query.sort", "unknown")
}

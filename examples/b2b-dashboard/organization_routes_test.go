package main

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
)

func TestOrganizationRoutes(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)

	// POST: 201 with the stored organization; the server's fields are the
	// server's.
	acme := a.createOrg(t, map[string]any{"name": "Acme Corp", "email": "hello@acme.example", "contact": "Jo", "maxCoordinators": 3})
	if acme.Slug != "acme-corp" || acme.Status != StatusActive || acme.PendingRequests != 0 || acme.ID == "" ||
		acme.CreatedAt == "" || acme.UpdatedAt != acme.CreatedAt || *acme.Contact != "Jo" || *acme.MaxCoordinators != 3 || acme.Phone != nil {
		t.Errorf("created %+v", acme)
	}
	if got := stored(t, a, organizationsCollection, acme.ID); got["slug"] != "acme-corp" || got["email"] != "hello@acme.example" {
		t.Errorf("stored %v", got)
	}
	other := a.createOrg(t, map[string]any{"name": "Beta", "email": "b@beta.example", "status": "Blocked"})

	// GET /organizations: the bare array of summaries, by name.
	var list []map[string]any
	a.admin.Get("/api/organizations").ExpectStatus(t, http.StatusOK).JSON(t, &list)
	if len(list) != 2 || list[0]["name"] != "Acme Corp" || list[1]["status"] != "Blocked" ||
		!slices.Equal(keys(list[0]), []string{"id", "name", "pendingRequests", "status"}) {
		t.Errorf("list %v", list)
	}

	// GET /organizations/{id}: the organization with its users.
	got := decode[OrganizationWithUsers](t, a.admin.Get("/api/organizations/"+acme.ID).ExpectStatus(t, http.StatusOK))
	if got.ID != acme.ID || got.Name != "Acme Corp" || got.Users == nil || len(got.Users) != 0 {
		t.Errorf("get %+v", got)
	}
	if m := a.admin.Get("/api/organizations/" + acme.ID).Map(); m["users"] == nil || m["phone"] != nil {
		t.Errorf("get: users %v, phone %v (want [] and null)", m["users"], m["phone"])
	}
	expectMessage(t, a.admin.Get("/api/organizations/nope"), http.StatusNotFound, "Organization not found")

	// PUT: the fields sent change, the others stay.
	upd := decode[Organization](t, a.admin.Put("/api/organizations/"+acme.ID, map[string]any{"status": "Inactive", "phone": "123"}).ExpectStatus(t, http.StatusOK))
	if upd.Status != StatusInactive || *upd.Phone != "123" || upd.Name != "Acme Corp" || *upd.Contact != "Jo" {
		t.Errorf("updated %+v", upd)
	}
	if s := stored(t, a, organizationsCollection, acme.ID); s["status"] != "Inactive" || s["phone"] != "123" || s["contact"] != "Jo" {
		t.Errorf("stored after PUT %v", s)
	}
	expectMessage(t, a.admin.Put("/api/organizations/nope", map[string]any{"status": "Active"}), http.StatusNotFound, "Organization not found")

	// Invalid input: 400 naming the field.
	expectProblem(t, a.admin.Post("/api/organizations", map[string]any{"email": "x@example.com"}), "body.name", "required")
	expectProblem(t, a.admin.Post("/api/organizations", map[string]any{"name": "X", "email": "not-an-email"}), "body.email", "format")
	expectProblem(t, a.admin.Post("/api/organizations", map[string]any{"name": "X", "email": "x@example.com", "status": "Gone"}), "body.status", "enum")
	expectProblem(t, a.admin.Post("/api/organizations", map[string]any{"name": "X", "email": "x@example.com", "maxCoordinators": "3"}), "body.maxCoordinators", "type")
	expectProblem(t, a.admin.Put("/api/organizations/"+acme.ID, map[string]any{"status": "Gone"}), "body.status", "enum")
	expectProblem(t, a.admin.Put("/api/organizations/"+acme.ID, map[string]any{"name": ""}), "body.name", "minLength")
	expectProblem(t, a.admin.Put("/api/organizations/"+acme.ID, map[string]any{"website": "not a url"}), "body.website", "format")
	expectMessage(t, a.admin.Post("/api/organizations", map[string]any{"name": "  ", "email": "blank@example.com"}), http.StatusBadRequest,
		"name must contain a non-space character")
	expectMessage(t, a.admin.Post("/api/organizations", map[string]any{"name": "X", "email": "x@example.com", "slug": "Not A Slug"}), http.StatusBadRequest,
		"slug must be lower-case, without whitespace")

	// Duplicates: the same answer on create and on update (the original
	// answered a raw database error on update), naming the field in data.
	for _, r := range []struct {
		method string
		path   string
		body   map[string]any
		field  string
	}{
		{http.MethodPost, "/api/organizations", map[string]any{"name": "Other", "email": "hello@acme.example"}, "email"},
		{http.MethodPost, "/api/organizations", map[string]any{"name": "Other", "email": "o@example.com", "slug": "beta"}, "slug"},
		{http.MethodPut, "/api/organizations/" + other.ID, map[string]any{"email": "hello@acme.example"}, "email"},
		{http.MethodPut, "/api/organizations/" + other.ID, map[string]any{"slug": "acme-corp"}, "slug"},
	} {
		res := a.admin.Do(r.method, r.path, r.body)
		expectMessage(t, res, http.StatusBadRequest, "Email or slug already in use.")
		var body struct {
			Data struct{ Fields []string } `json:"data"`
		}
		if res.JSON(t, &body); !slices.Equal(body.Data.Fields, []string{r.field}) {
			t.Errorf("%s %s: data %s, want fields [%s]", r.method, r.path, res.Body, r.field)
		}
	}
	if s := stored(t, a, organizationsCollection, other.ID); s["email"] != "b@beta.example" || s["slug"] != "beta" {
		t.Errorf("a refused update changed the document: %v", s)
	}
}

// TestMassAssignmentRefused: the server's fields, and a user's
// organization, cannot be set by a client (the original spread the body
// into the row).
func TestMassAssignmentRefused(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	org := a.createOrg(t, map[string]any{"name": "Acme", "email": "a@example.com"})
	other := a.createOrg(t, map[string]any{"name": "Other", "email": "o@example.com"})
	user := decode[User](t, a.admin.Post("/api/organizations/"+org.ID+"/users", map[string]any{"name": "Ann", "role": "Admin"}).ExpectStatus(t, http.StatusCreated))

	for _, field := range []string{"id", "pendingRequests", "createdAt", "updatedAt"} {
		body := map[string]any{"name": "Evil", "email": "evil@example.com", field: "x"}
		if field == "pendingRequests" {
			body[field] = 99
		}
		expectProblem(t, a.admin.Post("/api/organizations", body), "body."+field, "unknown")
		expectProblem(t, a.admin.Put("/api/organizations/"+org.ID, map[string]any{field: body[field]}), "body."+field, "unknown")
	}
	for _, field := range []string{"id", "organizationId", "createdAt"} {
		expectProblem(t, a.admin.Put("/api/users/"+user.ID, map[string]any{field: other.ID}), "body."+field, "unknown")
		expectProblem(t, a.admin.Post("/api/organizations/"+org.ID+"/users", map[string]any{"name": "B", "role": "Admin", field: other.ID}), "body."+field, "unknown")
	}
	if s := stored(t, a, usersCollection, user.ID); s["organizationId"] != org.ID {
		t.Errorf("user moved: %v", s)
	}
	if s := stored(t, a, organizationsCollection, org.ID); s["pendingRequests"] != int32(0) && s["pendingRequests"] != int64(0) {
		t.Errorf("pendingRequests changed: %v", s["pendingRequests"])
	}
}

// TestSlugs: generated with a suffix when taken, chosen when sent, made
// again from a new name (the original never updated it).
func TestSlugs(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	first := a.createOrg(t, map[string]any{"name": "Acme", "email": "1@example.com"})
	second := a.createOrg(t, map[string]any{"name": "ACME", "email": "2@example.com"})
	third := a.createOrg(t, map[string]any{"name": " acme ", "email": "3@example.com"})
	if first.Slug != "acme" || second.Slug != "acme-2" || third.Slug != "acme-3" {
		t.Errorf("slugs %q %q %q, want acme acme-2 acme-3", first.Slug, second.Slug, third.Slug)
	}
	chosen := a.createOrg(t, map[string]any{"name": "Whatever", "email": "4@example.com", "slug": "my-own"})
	if chosen.Slug != "my-own" {
		t.Errorf("chosen slug %q", chosen.Slug)
	}

	rename := func(id string, body map[string]any) string {
		t.Helper()
		return decode[Organization](t, a.admin.Put("/api/organizations/"+id, body).ExpectStatus(t, http.StatusOK)).Slug
	}
	if got := rename(second.ID, map[string]any{"name": "Acme Labs"}); got != "acme-labs" {
		t.Errorf("renamed: slug %q, want acme-labs", got)
	}
	if got := rename(third.ID, map[string]any{"name": "Acme Labs"}); got != "acme-labs-2" {
		t.Errorf("renamed to a taken name: slug %q, want acme-labs-2", got)
	}
	if got := rename(third.ID, map[string]any{"name": "ACME LABS"}); got != "acme-labs-2" {
		t.Errorf("renamed to the same slug base: slug %q, want acme-labs-2 kept", got)
	}
	if got := rename(first.ID, map[string]any{"name": "Renamed", "slug": "kept"}); got != "kept" {
		t.Errorf("renamed with a chosen slug: %q", got)
	}
	if got := rename(chosen.ID, map[string]any{"status": "Blocked"}); got != "my-own" {
		t.Errorf("update without name: slug %q changed", got)
	}
}

// TestConcurrentCreatesOverHTTP: organizations of one name created at
// once all get 201 and distinct slugs.
func TestConcurrentCreatesOverHTTP(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	const n = 10
	var wg sync.WaitGroup
	slugs := make([]string, n)
	statuses := make([]int, n)
	for i := range n {
		wg.Go(func() {
			r := a.admin.Post("/api/organizations", map[string]any{"name": "Same Name", "email": fmt.Sprintf("c%d@example.com", i)})
			statuses[i] = r.Status
			if r.Status == http.StatusCreated {
				var o Organization
				r.JSON(t, &o)
				slugs[i] = o.Slug
			}
		})
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusCreated {
			t.Errorf("create %d: status %d", i, s)
		}
	}
	slices.Sort(slugs)
	if len(slices.Compact(slices.Clone(slugs))) != n {
		t.Errorf("slugs not distinct: %q", slugs)
	}
}

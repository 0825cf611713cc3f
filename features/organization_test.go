package features_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// orgJSON is the response form of an organization, for assertions.
type orgJSON struct {
	Name                string   `json:"name"`
	Description         string   `json:"description"`
	ContactEmail        string   `json:"contact_email"`
	Ancestors           []string `json:"ancestors"`
	ParentID            *string  `json:"parentId"`
	ID                  string   `json:"id"`
	AuditStatus         string   `json:"auditStatus"`
	CertificateImageURL string   `json:"certificateImageUrl"`
	Logo                *struct {
		ObjectID string `json:"objectId"`
		Type     string `json:"type"`
		URL      string `json:"url"`
	} `json:"logo"`
	Members []struct {
		IdentityID string `json:"identityId"`
		Role       string `json:"role"`
	} `json:"members"`
}

func TestOrganizationCreate(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	logoID := uuid.NewString()
	res := f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{
			"name": "Acme", "description": "d", "contact_email": "a@example.com", "contact_phone": 123,
			"logo": map[string]any{"objectId": logoID, "type": "image/png"},
		},
		"ownerId": f.OwnerID,
	}).ExpectStatus(t, http.StatusOK)
	var got orgJSON
	res.JSON(t, &got)
	if got.Name != "Acme" || got.Logo == nil || got.Logo.ObjectID != "" || got.Logo.Type != "image/png" || !strings.Contains(got.Logo.URL, logoID+".png") {
		t.Errorf("response = %s", res.Body)
	}
	if !strings.HasPrefix(string(res.Body), `{"name":"Acme","description":"d","contact_email":"a@example.com","contact_phone":"123","logo":{"type":"image/png","url":`) {
		t.Errorf("key order / coercion: %s", res.Body)
	}
	stored := f.stored(t, got.ID)
	if stored.Logo.File == nil || stored.Logo.File.ObjectID != logoID || *stored.ContactPhone != "123" || stored.ParentID != nil ||
		len(stored.Ancestors) != 0 || fmt.Sprint(f.storedMembers(t, got.ID)) != "[owner:owner]" || stored.CreatedAt != stored.UpdatedAt {
		t.Errorf("stored = %+v", stored)
	}

	// Hierarchy: root → child → grandchild.
	child := f.newOrg(t, got.ID)
	grand := f.newOrg(t, child)
	if s := f.stored(t, grand); fmt.Sprint(s.Ancestors) != fmt.Sprintf("[%s %s]", got.ID, child) || *s.ParentID != child {
		t.Errorf("grandchild ancestors %v parent %v", s.Ancestors, *s.ParentID)
	}

	// Invalid bodies, missing parent.
	n := f.count(t)
	for body, msg := range map[string]string{
		`{"ownerId":"x"}`: "request body must have required property 'organization'",
		`{"organization":{"name":"a","description":"d","contact_email":"c@example.com"},"ownerId":"x","extra":1}`:                          "request body must NOT have additional properties",
		`{"organization":{"name":"a","description":"d","contact_email":"c@example.com"},"ownerId":{"a":1}}`:                                "request body must be string",
		`{"organization":{"name":"a","description":"d","contact_email":"c@example.com","logo":{"objectId":"x","type":"t"}},"ownerId":"x"}`: `request body must match format \"uuid\"`,
	} {
		r := f.Admin.Post("/organizations", body).ExpectError(t, http.StatusBadRequest, "Validation Error")
		if !strings.Contains(string(r.Body), msg) {
			t.Errorf("%s: %s, want %q", body, r.Body, msg)
		}
	}
	f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{"name": "a", "description": "d", "contact_email": "c@example.com"},
		"ownerId":      f.OwnerID, "parentId": "missing",
	}).ExpectError(t, http.StatusNotFound, "Organization not found")

	// A storage failure is detected before the insert: nothing is stored.
	f.Storage.Fail = true
	f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{"name": "a", "description": "d", "contact_email": "c@example.com", "logo": map[string]any{"objectId": logoID, "type": "image/png"}},
		"ownerId":      f.OwnerID,
	}).ExpectError(t, http.StatusInternalServerError, "Failed to normalize logo.")
	f.Storage.Fail = false
	if after := f.count(t); after != n {
		t.Errorf("organizations: %d before, %d after failed creates", n, after)
	}
}

func TestOrganizationGetAndNormalize(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	logoID, certID := uuid.NewString(), uuid.NewString()
	f.Admin.Patch("/admin/organizations/"+id+"/", map[string]any{
		"logo":             map[string]any{"objectId": logoID, "type": "image/png"},
		"certificateImage": map[string]any{"objectId": certID, "type": "application/pdf"},
		"auditStatus":      "approved",
	}).ExpectStatus(t, http.StatusOK)
	var got orgJSON
	f.Member.Get("/organizations/"+id).ExpectStatus(t, http.StatusOK).JSON(t, &got)
	if got.Logo == nil || !strings.Contains(got.Logo.URL, logoID+".png") || !strings.Contains(got.CertificateImageURL, certID+".pdf") || got.AuditStatus != "approved" {
		t.Errorf("get = %+v", got)
	}
	f.Admin.Get("/organizations/"+id+"?x=1").ExpectError(t, http.StatusBadRequest, "Validation Error")

	f.Storage.Fail = true
	f.Admin.Get("/organizations/"+id).ExpectError(t, http.StatusInternalServerError, "Failed to normalize certificate.")
	f.Admin.Get("/organizations").ExpectError(t, http.StatusInternalServerError, "Failed to normalize logo.")
	f.Storage.Fail = false

	// logo: null stays null.
	f.Admin.Patch("/admin/organizations/"+id, map[string]any{"logo": nil}).ExpectStatus(t, http.StatusOK)
	if body := string(f.Admin.Get("/organizations/"+id).ExpectStatus(t, http.StatusOK).Body); !strings.Contains(body, `"logo":null`) {
		t.Errorf("null logo: %s", body)
	}
}

func TestOrganizationList(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	for range 3 {
		f.newOrg(t, "")
	}
	f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{"name": "Special", "description": "d", "contact_email": "s@example.com"},
		"ownerId":      f.OwnerID,
	}).ExpectStatus(t, http.StatusOK)
	var page struct {
		Data     []orgJSON `json:"data"`
		Metadata struct {
			Pagination map[string]any `json:"pagination"`
		} `json:"metadata"`
	}
	f.Admin.Get("/organizations?page=2&limit=3").ExpectStatus(t, http.StatusOK).JSON(t, &page)
	if len(page.Data) != 1 || fmt.Sprint(page.Metadata.Pagination) != "map[hasNext:false hasPrev:true limit:3 page:2 total:4 totalPages:2]" {
		t.Errorf("page 2 = %+v", page)
	}
	f.Admin.Get("/organizations?name=Special").ExpectStatus(t, http.StatusOK).JSON(t, &page)
	if len(page.Data) != 1 || page.Data[0].Name != "Special" {
		t.Errorf("filter = %+v", page.Data)
	}
	for _, q := range []string{"?limit=51", "?page=0", "?bogus=1", "?name=", "?contact_email=nope"} {
		f.Admin.Get("/organizations"+q).ExpectError(t, http.StatusBadRequest, "Validation Error")
	}
}

func TestOrganizationUpdate(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	before := f.stored(t, id)
	var got orgJSON
	f.Owner.Patch("/organizations/"+id, map[string]any{"description": "new", "branchName": "b"}).ExpectStatus(t, http.StatusOK).JSON(t, &got)
	after := f.stored(t, id)
	if got.Description != "new" || after.Description != "new" || *after.BranchName != "b" || after.UpdatedAt <= before.UpdatedAt || after.Name != before.Name {
		t.Errorf("after owner update: response %+v stored %+v", got, after)
	}
	// Owners cannot rename; the schema refuses admin fields and bad types.
	f.Owner.Patch("/organizations/"+id, map[string]any{"name": "x"}).ExpectError(t, http.StatusBadRequest, "Validation Error")
	f.Owner.Patch("/organizations/"+id, map[string]any{"description": []int{1}}).ExpectError(t, http.StatusBadRequest, "Validation Error")
	f.OrgAdmin.Patch("/organizations/"+id, map[string]any{"description": "x"}).ExpectError(t, http.StatusForbidden, msgNotAdmin)

	// Admin update: rename and audit status; an invalid status is a 400.
	f.Admin.Patch("/admin/organizations/"+id+"/", map[string]any{"name": "Renamed", "auditStatus": "rejected"}).ExpectStatus(t, http.StatusOK)
	if s := f.stored(t, id); s.Name != "Renamed" || *s.AuditStatus != "rejected" {
		t.Errorf("after admin update: %+v", s)
	}
	for _, status := range []any{"waiting_for_review", "bogus", nil} {
		f.Admin.Patch("/admin/organizations/"+id, map[string]any{"auditStatus": status}).ExpectError(t, http.StatusBadRequest, "Invalid audit status")
	}
	if s := f.stored(t, id); *s.AuditStatus != "rejected" {
		t.Errorf("invalid audit status was stored: %v", *s.AuditStatus)
	}
}

func TestOrganizationDelete(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	child := f.newOrg(t, id)
	// A logo whose file was never uploaded does not block the delete.
	f.Admin.Patch("/admin/organizations/"+id, map[string]any{"logo": map[string]any{"objectId": uuid.NewString(), "type": "image/png"}}).ExpectStatus(t, http.StatusOK)
	f.Storage.Fail = true
	f.Owner.Delete("/organizations/"+id).ExpectError(t, http.StatusInternalServerError, "Failed to delete file.")
	f.Storage.Fail = false
	f.stored(t, id) // kept when the file could not be deleted
	f.Owner.Delete("/organizations/"+id).ExpectStatus(t, http.StatusNoContent)
	if n, _ := f.Orgs.CountDocuments(t.Context(), map[string]any{"id": id}); n != 0 {
		t.Errorf("organization still stored")
	}
	if s := f.stored(t, child); *s.ParentID != id {
		t.Errorf("child changed: %+v", s) // no cascade
	}
	f.Admin.Delete("/organizations/"+id).ExpectError(t, http.StatusNotFound, "Organization not found")
}

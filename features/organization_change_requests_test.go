package features_test

import (
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// auditStatus returns the stored auditStatus of the organization, "" when
// absent.
func (f *peripheryFixture) auditStatus(t *testing.T, org string) string {
	t.Helper()
	s, _ := f.storedDoc(t, "organizations", bson.D{{Key: "id", Value: org}})["auditStatus"].(string)
	return s
}

func TestCreateChangeRequest(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	path := "/organizations/" + org + "/change-requests"

	// The owner proposes changes: they are stored as strings with the
	// author, and the organization waits for review.
	f.Owner.Post(path, map[string]any{
		"addressLine1":            "1 Main St",
		"postalCode":              123,
		"certificateImage":        map[string]any{"objectId": uploadID(t, f.Owner, org, "certificate", "application/pdf"), "type": "application/pdf"},
		"certifiedQualifications": []map[string]any{{"name": "ISO", "status": "ok", "value": 9001}},
	}).ExpectStatus(t, http.StatusNoContent)
	cr := f.storedDoc(t, "organizationChangeRequests", bson.D{{Key: "organizationId", Value: org}})
	q := cr["certifiedQualifications"].([]any)[0].(map[string]any)
	if cr["identityId"] != f.OwnerID || cr["addressLine1"] != "1 Main St" || cr["postalCode"] != "123" || q["value"] != "9001" ||
		cr["certificateImage"].(map[string]any)["type"] != "application/pdf" || cr["id"] == nil || cr["createdAt"] == nil {
		t.Errorf("stored change request %v", cr)
	}
	if _, has := cr["name"]; has {
		t.Errorf("a field that was not sent is stored: %v", cr)
	}
	if s := f.auditStatus(t, org); s != "waiting_for_review" {
		t.Errorf("auditStatus %q after a change request", s)
	}

	// A system admin may too; the request records the admin as author.
	other := f.newOrg(t, "")
	f.Admin.Post("/organizations/"+other+"/change-requests", map[string]any{"branchName": "B"}).ExpectStatus(t, http.StatusNoContent)
	if cr := f.storedDoc(t, "organizationChangeRequests", bson.D{{Key: "organizationId", Value: other}}); cr["identityId"] != f.AdminID {
		t.Errorf("admin's change request %v", cr)
	}

	body := map[string]any{"branchName": "B"}
	f.Anonymous.Post(path, body).ExpectError(t, http.StatusUnauthorized, "")
	for _, c := range []*blockyardtest.Client{f.OrgAdmin, f.Member, f.Outsider} {
		c.Post(path, body).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	}
	f.Admin.Post("/organizations/missing/change-requests", body).ExpectError(t, http.StatusNotFound, "Organization not found")

	for raw, msg := range map[string]string{
		`{}`:                "request body must NOT have fewer than 1 properties",
		`{"x":"1"}`:         "request body must NOT have additional properties",
		`{"name":""}`:       "request body must NOT have fewer than 1 characters",
		`{"branchName":{}}`: "request body must be string",
		`{"certificateImage":{"objectId":"x","type":"a"}}`:       `request body must match format "uuid"`,
		`{"certifiedQualifications":[{"name":"a","value":"b"}]}`: "request body must have required property 'status'",
	} {
		expectValidation(t, f.Owner.Post(path, raw), msg)
	}
	expectValidation(t, f.Owner.Post(path+"?x=1", body), "query parameter 'x' is not allowed")
	if n, _ := f.DB.Collection("organizationChangeRequests").CountDocuments(t.Context(), bson.D{}); n != 2 {
		t.Errorf("%d change requests stored, want 2", n)
	}
}

// TestChangeRequestAuditStatusFlips: every change request reopens the
// review, whatever an admin decided before (spec §6.4).
func TestChangeRequestAuditStatusFlips(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	if s := f.auditStatus(t, org); s != "" {
		t.Fatalf("new organization has auditStatus %q", s)
	}
	for _, decision := range []string{"approved", "rejected"} {
		f.Owner.Post("/organizations/"+org+"/change-requests", map[string]any{"typeId": "t"}).ExpectStatus(t, http.StatusNoContent)
		if s := f.auditStatus(t, org); s != "waiting_for_review" {
			t.Errorf("after change request: %q", s)
		}
		f.Admin.Patch("/admin/organizations/"+org, map[string]any{"auditStatus": decision}).ExpectStatus(t, http.StatusOK)
		if s := f.auditStatus(t, org); s != decision {
			t.Errorf("after admin decision: %q, want %q", s, decision)
		}
	}
	f.Owner.Post("/organizations/"+org+"/change-requests", map[string]any{"typeId": "t"}).ExpectStatus(t, http.StatusNoContent)
	if s := f.auditStatus(t, org); s != "waiting_for_review" {
		t.Errorf("after a change request following a rejection: %q", s)
	}
}

// TestChangeRequestNameUniqueness: a proposed name may not be the name of
// another organization with the same owner (spec §6.5).
func TestChangeRequestNameUniqueness(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	taken := f.newOrg(t, "")
	f.Admin.Patch("/admin/organizations/"+taken, map[string]any{"name": "Taken"}).ExpectStatus(t, http.StatusOK)
	path := "/organizations/" + org + "/change-requests"

	f.Owner.Post(path, map[string]any{"name": "Taken"}).ExpectError(t, http.StatusBadRequest, "Organization with name Taken already exists with same owner")
	if s := f.auditStatus(t, org); s != "" {
		t.Errorf("a refused change request changed auditStatus to %q", s)
	}
	f.Owner.Post(path, map[string]any{"name": "taken"}).ExpectStatus(t, http.StatusNoContent) // case-sensitive
	f.Owner.Post(path, map[string]any{"name": "Org"}).ExpectStatus(t, http.StatusNoContent)   // the current name

	// Another owner's organization with the name does not count.
	f.Admin.Patch("/organizations/"+taken+"/members", []map[string]any{{"identityId": f.OutsiderID, "role": "owner"}, {"identityId": f.OwnerID, "role": "admin"}}).
		ExpectStatus(t, http.StatusNoContent)
	f.Owner.Post(path, map[string]any{"name": "Taken"}).ExpectStatus(t, http.StatusNoContent)
}

// TestChangeRequestHonoursIgnoreIP: the change request's token check
// follows nodeblocks.Config.IgnoreIP like authentication does (the reference forced
// the IP rule there, answering 400 "Access token failed checks").
func TestChangeRequestHonoursIgnoreIP(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	path := "/organizations/" + org + "/change-requests"
	elsewhere := []blockyardtest.RequestOption{
		blockyardtest.WithRemoteAddr("203.0.113.9:4321"),
		blockyardtest.WithHeader("User-Agent", "another browser"),
	}

	// The fixture ignores IPs: a token used from another IP and browser
	// is accepted by authentication and by the change request alike.
	f.Owner.Post(path, map[string]any{"branchName": "roaming"}, elsewhere...).ExpectStatus(t, http.StatusNoContent)
	if cr := f.storedDoc(t, "organizationChangeRequests", bson.D{{Key: "branchName", Value: "roaming"}}); cr["identityId"] != f.OwnerID {
		t.Errorf("stored %v", cr)
	}

	// With the IP rule on, authentication refuses the same request first.
	f.remount(t, func(c *nodeblocks.Config) { c.IgnoreIP = false })
	f.Owner.Post(path, map[string]any{"branchName": "refused"}, elsewhere...).ExpectError(t, http.StatusUnauthorized, "Token fails security check")
	f.Owner.Post(path, map[string]any{"branchName": "same ip"}, blockyardtest.WithHeader("User-Agent", "another browser")).ExpectStatus(t, http.StatusNoContent)
}

func TestListChangeRequests(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	other := f.newOrg(t, "")
	path := "/organizations/" + org + "/change-requests"
	f.Owner.Post(path, map[string]any{"branchName": "plain"}).ExpectStatus(t, http.StatusNoContent)
	f.Owner.Post(path, map[string]any{"certificateImage": map[string]any{"objectId": uploadID(t, f.Owner, org, "certificate", "image/png"), "type": "image/png"}}).ExpectStatus(t, http.StatusNoContent)
	f.Owner.Post("/organizations/"+other+"/change-requests", map[string]any{"branchName": "other"}).ExpectStatus(t, http.StatusNoContent)

	for _, c := range []*blockyardtest.Client{f.Owner, f.Admin} {
		var p primitives.Paged[map[string]any]
		c.Get(path).ExpectStatus(t, http.StatusOK).JSON(t, &p)
		if len(p.Data) != 2 || p.Data[0]["branchName"] != "plain" || p.Data[0]["certificateImageUrl"] != nil || p.Metadata.Pagination.Total != 2 || p.Metadata.Pagination.Limit != 10 {
			t.Fatalf("list %+v", p)
		}
		cert := p.Data[1]
		if url, _ := cert["certificateImageUrl"].(string); url == "" || cert["certificateImage"].(map[string]any)["objectId"] == nil || cert["_id"] != nil {
			t.Errorf("change request with certificate %v", cert)
		}
	}
	var p primitives.Paged[map[string]any]
	f.Owner.Get(path+"?page=2&limit=1").ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if pg := p.Metadata.Pagination; len(p.Data) != 1 || p.Data[0]["certificateImage"] == nil || pg.Page != 2 || !pg.HasPrev || pg.HasNext || pg.TotalPages != 2 {
		t.Errorf("page 2: %+v", p)
	}

	f.Anonymous.Get(path).ExpectError(t, http.StatusUnauthorized, "")
	for _, c := range []*blockyardtest.Client{f.OrgAdmin, f.Member, f.Outsider} {
		c.Get(path).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	}
	// The reference answered an empty list for a missing organization.
	f.Admin.Get("/organizations/missing/change-requests").ExpectError(t, http.StatusNotFound, "Organization not found")
	expectValidation(t, f.Owner.Get(path+"?limit=51"), "query parameter 'limit' must be <= 50")
	expectValidation(t, f.Owner.Get(path+"?page=1001"), "query parameter 'page' must be <= 1000")
	expectValidation(t, f.Owner.Get(path+"?page=x"), "query parameter 'page' must be integer")
	expectValidation(t, f.Owner.Get(path+"?identityId=x"), "query parameter 'identityId' is not allowed")
}

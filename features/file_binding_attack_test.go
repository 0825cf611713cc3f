package features_test

import (
	"bytes"
	"net/http"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestFileIDOfAnotherOrganizationCannotBeAttached reproduces issue 9 item 7:
// the owner of another organization, who learned the object id of a child
// organization's certificate (answers show it raw), attaches it to a change
// request of its own organization and to its own profile, and would then
// download the file through the signed URLs those answer. Both writes are
// refused and nothing is stored.
func TestFileIDOfAnotherOrganizationCannotBeAttached(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	fs := newFileServer(t, f.orgFixture)

	parent := f.newOrg(t, "")
	child := f.newOrg(t, parent)
	cert := fs.upload(f.Owner, child, "certificate", "application/pdf", pdfBytes)
	f.Admin.Patch("/admin/organizations/"+child, map[string]any{"certificateImage": map[string]any{"objectId": cert, "type": "application/pdf"}}).
		ExpectStatus(t, http.StatusOK)

	// The attacker owns an unrelated organization.
	var own struct{ ID string }
	f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{"name": "Attacker", "description": "d", "contact_email": "a@example.com"},
		"ownerId":      f.OutsiderID,
	}).ExpectStatus(t, http.StatusOK).JSON(t, &own)
	stolen := map[string]any{"objectId": cert, "type": "application/pdf"}

	// Through a change request of its own organization.
	res := f.Outsider.Post("/organizations/"+own.ID+"/change-requests", map[string]any{"certificateImage": stolen})
	if res.Status != http.StatusForbidden {
		var page struct {
			Data []struct{ CertificateImageURL string }
		}
		f.Outsider.Get("/organizations/"+own.ID+"/change-requests").ExpectStatus(t, http.StatusOK).JSON(t, &page)
		for _, cr := range page.Data {
			if got := fs.Get(fs.path(cr.CertificateImageURL)); got.Status == http.StatusOK && bytes.Equal(got.Body, pdfBytes) {
				t.Errorf("change request: the outsider downloaded the child organization's certificate")
			}
		}
		t.Errorf("change request with another organization's certificate: %s, want 403", res)
	} else {
		res.ExpectError(t, http.StatusForbidden, "certificateImage.objectId was not issued for this organization")
	}

	// Through its own profile's avatar.
	res = f.Outsider.Post("/profiles", map[string]any{"identityId": f.OutsiderID, "name": "Attacker", "avatar": stolen})
	if res.Status != http.StatusForbidden {
		var p struct{ Avatar struct{ URL string } }
		res.JSON(t, &p)
		if got := fs.Get(fs.path(p.Avatar.URL)); got.Status == http.StatusOK && bytes.Equal(got.Body, pdfBytes) {
			t.Errorf("profile: the outsider downloaded the child organization's certificate")
		}
		t.Errorf("profile with another organization's certificate: %s, want 403", res)
	} else {
		res.ExpectError(t, http.StatusForbidden, "avatar.objectId was not issued for this identity")
	}

	for coll, filter := range map[string]bson.D{
		"organizationChangeRequests": {{Key: "organizationId", Value: own.ID}},
		"profiles":                   {{Key: "identityId", Value: f.OutsiderID}},
	} {
		if n, err := f.DB.Collection(coll).CountDocuments(t.Context(), filter); err != nil || n != 0 {
			t.Errorf("%s: %d stored (%v), want none", coll, n, err)
		}
	}
	if st := f.stored(t, own.ID); st.AuditStatus != nil {
		t.Errorf("refused change request still set auditStatus %q", *st.AuditStatus)
	}
}

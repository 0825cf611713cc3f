package features_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestCreateProfile(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)

	// The identity itself and a system admin may create; the stored
	// document has the reference's layout and the answer is that document.
	for name, c := range map[string]*blockyardtest.Client{"self": f.Owner, "admin": f.Admin} {
		var got map[string]any
		c.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": name, "avatar": nil}).ExpectStatus(t, http.StatusOK).JSON(t, &got)
		stored := f.storedDoc(t, "profiles", bson.D{{Key: "id", Value: got["id"]}})
		if stored["identityId"] != f.OwnerID || stored["name"] != name || stored["avatar"] != nil || len(stored["organizationFollows"].([]any)) != 0 ||
			len(stored["productLikes"].([]any)) != 0 || len(stored["profileFollows"].([]any)) != 0 || stored["createdAt"] == nil {
			t.Errorf("%s: stored %v", name, stored)
		}
		if a, ok := got["avatar"]; !ok || a != nil || got["identityId"] != f.OwnerID || got["_id"] != nil {
			t.Errorf("%s: answered %v", name, got)
		}
	}

	// An avatar is stored as a reference and answered as a download URL.
	avatar := map[string]any{"objectId": f.avatarID(f.OwnerID), "type": "image/png"}
	var got struct {
		ID     string
		Avatar map[string]any
	}
	f.Owner.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": "n", "avatar": avatar}).ExpectStatus(t, http.StatusOK).JSON(t, &got)
	if _, has := got.Avatar["objectId"]; has || got.Avatar["type"] != "image/png" || !strings.Contains(got.Avatar["url"].(string), "http://files.test/files/") {
		t.Errorf("answered avatar %v", got.Avatar)
	}
	if a := f.storedDoc(t, "profiles", bson.D{{Key: "id", Value: got.ID}})["avatar"].(map[string]any); a["objectId"] != avatar["objectId"] || a["url"] != nil {
		t.Errorf("stored avatar %v", a)
	}

	// Someone else's profile, no token, invalid bodies.
	f.Outsider.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": "n"}).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.Anonymous.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": "n"}).ExpectError(t, http.StatusUnauthorized, "")
	for body, msg := range map[string]string{
		`{"identityId":"` + f.OwnerID + `"}`:                           "request body must have required property 'name'",
		`{"identityId":"` + f.OwnerID + `","name":{}}`:                 "request body must be string",
		`{"identityId":"` + f.OwnerID + `","name":"n","x":1}`:          "request body must NOT have additional properties",
		`{"identityId":"` + f.OwnerID + `","name":"n","avatar":"pic"}`: "request body must match exactly one schema in oneOf",
	} {
		expectValidation(t, f.Owner.Post("/profiles", body), msg)
	}
	if n, _ := f.DB.Collection("profiles").CountDocuments(t.Context(), bson.D{}); n != 3 {
		t.Errorf("%d profiles stored, want 3", n)
	}
}

func TestGetProfile(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	id := f.newProfile(t, f.Owner, f.OwnerID)

	for _, c := range []*blockyardtest.Client{f.Owner, f.Admin} {
		if got := c.Get("/profiles/"+id).ExpectStatus(t, http.StatusOK).Map(); got["id"] != id || got["identityId"] != f.OwnerID {
			t.Errorf("answered %v", got)
		}
	}
	f.Outsider.Get("/profiles/"+id).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.Anonymous.Get("/profiles/"+id).ExpectError(t, http.StatusUnauthorized, "")
	f.Admin.Get("/profiles/missing").ExpectError(t, http.StatusNotFound, "Profile not found")
	f.Owner.Get("/profiles/missing").ExpectError(t, http.StatusForbidden, msgNotAdmin)
	expectValidation(t, f.Owner.Get("/profiles/"+id+"?x=1"), "query parameter 'x' is not allowed")
}

func TestFollowAndUnfollowOrganization(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	other := f.newOrg(t, "")
	profile := f.newProfile(t, f.Outsider, f.OutsiderID)
	follows := "/profiles/" + profile + "/organization-follows/"

	// The profile's owner follows; a second follow is a conflict.
	f.Outsider.Put(follows+org, nil).ExpectStatus(t, http.StatusNoContent)
	f.Outsider.Put(follows+org, nil).ExpectError(t, http.StatusConflict, "Organization is already followed")
	f.Admin.Put(follows+other, nil).ExpectStatus(t, http.StatusNoContent)
	if got := f.storedFollows(t, profile); strings.Join(got, ",") != org+","+other {
		t.Errorf("stored follows %v", got)
	}
	fo := f.storedDoc(t, "profiles", bson.D{{Key: "id", Value: profile}})["organizationFollows"].([]any)[0].(map[string]any)
	if len(fo) != 3 || fo["createdAt"] == nil || fo["updatedAt"] == nil {
		t.Errorf("stored follow %v", fo)
	}

	// Missing things, strangers, no token, query parameters.
	f.Outsider.Put(follows+"missing", nil).ExpectError(t, http.StatusNotFound, "Organization not found")
	f.Admin.Put("/profiles/missing/organization-follows/"+org, nil).ExpectError(t, http.StatusNotFound, "Profile not found")
	f.Owner.Put(follows+org, nil).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.Anonymous.Put(follows+org, nil).ExpectError(t, http.StatusUnauthorized, "")
	expectValidation(t, f.Outsider.Put(follows+org+"?x=1", nil), "query parameter 'x' is not allowed")

	// Unfollow: once, then the follow is gone.
	f.Outsider.Delete(follows+org).ExpectStatus(t, http.StatusNoContent)
	f.Outsider.Delete(follows+org).ExpectError(t, http.StatusNotFound, "Organization follow not found")
	if got := f.storedFollows(t, profile); strings.Join(got, ",") != other {
		t.Errorf("stored follows after unfollow %v", got)
	}
	f.Owner.Delete(follows+other).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.Anonymous.Delete(follows+other).ExpectError(t, http.StatusUnauthorized, "")
	f.Outsider.Delete(follows+"missing").ExpectError(t, http.StatusNotFound, "Organization not found")
	f.Admin.Delete(follows+other).ExpectStatus(t, http.StatusNoContent)
	if got := f.storedFollows(t, profile); len(got) != 0 {
		t.Errorf("stored follows after the admin's unfollow %v", got)
	}
}

func TestConcurrentFollowsStoreOneFollow(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	profile := f.newProfile(t, f.Outsider, f.OutsiderID)

	const n = 6
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			statuses[i] = f.Outsider.Put("/profiles/"+profile+"/organization-follows/"+org, nil).Status
		})
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusNoContent:
			created++
		case http.StatusConflict:
		default:
			t.Errorf("status %d", s)
		}
	}
	if created != 1 {
		t.Errorf("%d follows answered 204 (%v)", created, statuses)
	}
	if got := f.storedFollows(t, profile); len(got) != 1 {
		t.Errorf("stored follows %v, want one", got)
	}
}

package features_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestListFollowers(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	other := f.newOrg(t, "")
	path := "/organizations/" + org + "/followers"

	// Three profiles follow org (the first with an avatar), one follows
	// another organization only.
	var withAvatar struct{ ID string }
	f.Outsider.Post("/profiles", map[string]any{
		"identityId": f.OutsiderID, "name": "Avatar",
		"avatar": map[string]any{"objectId": f.avatarID(f.OutsiderID), "type": "image/png"},
	}).ExpectStatus(t, http.StatusOK).JSON(t, &withAvatar)
	followers := []string{withAvatar.ID, f.newProfile(t, f.Member, f.MemberID), f.newProfile(t, f.Owner, f.OwnerID)}
	for _, p := range followers {
		f.Admin.Put("/profiles/"+p+"/organization-follows/"+org, nil).ExpectStatus(t, http.StatusNoContent)
	}
	stranger := f.newProfile(t, f.Admin, f.AdminID)
	f.Admin.Put("/profiles/"+stranger+"/organization-follows/"+other, nil).ExpectStatus(t, http.StatusNoContent)

	for _, c := range []*blockyardtest.Client{f.Owner, f.Admin} {
		var p primitives.Paged[map[string]any]
		c.Get(path).ExpectStatus(t, http.StatusOK).JSON(t, &p)
		if len(p.Data) != 3 || p.Metadata.Pagination.Total != 3 || p.Metadata.Pagination.Limit != 10 {
			t.Fatalf("followers %+v", p)
		}
		first := p.Data[0]
		avatar, _ := first["avatar"].(map[string]any)
		if len(first) != 3 || first["id"] != withAvatar.ID || first["name"] != "Avatar" || avatar["type"] != "image/png" ||
			!strings.HasPrefix(avatar["url"].(string), "http://files.test/files/") || avatar["objectId"] != nil {
			t.Errorf("follower with avatar %v", first)
		}
		if second := p.Data[1]; len(second) != 2 || second["id"] != followers[1] {
			t.Errorf("follower without avatar %v", second)
		}
	}

	// page and limit are accepted (the reference rejected them).
	var p primitives.Paged[map[string]any]
	f.Owner.Get(path+"?page=2&limit=2").ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if pg := p.Metadata.Pagination; len(p.Data) != 1 || p.Data[0]["id"] != followers[2] || pg.Page != 2 || pg.Limit != 2 || !pg.HasPrev || pg.HasNext {
		t.Errorf("page 2: %+v", p)
	}
	expectValidation(t, f.Owner.Get(path+"?limit=51"), "query parameter 'limit' must be <= 50")
	expectValidation(t, f.Owner.Get(path+"?page=0"), "query parameter 'page' must be >= 1")
	expectValidation(t, f.Owner.Get(path+"?x=1"), "query parameter 'x' is not allowed")

	f.Anonymous.Get(path).ExpectError(t, http.StatusUnauthorized, "")
	for _, c := range []*blockyardtest.Client{f.OrgAdmin, f.Member, f.Outsider} {
		c.Get(path).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	}
	f.Admin.Get("/organizations/missing/followers").ExpectError(t, http.StatusNotFound, "Organization not found")

	// Unfollowing removes the profile from the list.
	f.Member.Delete("/profiles/"+followers[1]+"/organization-follows/"+org).ExpectStatus(t, http.StatusNoContent)
	f.Owner.Get(path).ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if len(p.Data) != 2 || p.Data[1]["id"] != followers[2] || p.Metadata.Pagination.Total != 2 {
		t.Errorf("after an unfollow: %+v", p)
	}

	// An avatar that cannot be signed fails the list, as in the reference.
	f.Storage.Fail = true
	res := f.Owner.Get(path).ExpectError(t, http.StatusInternalServerError, "Failed to normalize file.")
	if !strings.Contains(string(res.Body), `"data":[]`) {
		t.Errorf("unmapped error without data []: %s", res.Body)
	}
}

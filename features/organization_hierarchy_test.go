package features_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
)

type membershipJSON struct {
	Member struct {
		InheritedFrom *string `json:"inheritedFrom"`
		Role          string  `json:"role"`
	} `json:"member"`
	Organization orgJSON `json:"organization"`
}

func TestOrganizationsForMember(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	root := f.newOrg(t, "")
	child := f.newOrg(t, root)
	grand := f.newOrg(t, child)
	f.Admin.Delete("/organizations/"+child+"/members/"+f.MemberID).ExpectStatus(t, http.StatusNoContent)
	f.Admin.Delete("/organizations/"+grand+"/members/"+f.MemberID).ExpectStatus(t, http.StatusNoContent)
	logoID := uuid.NewString()
	f.Admin.Patch("/admin/organizations/"+grand, map[string]any{"logo": map[string]any{"objectId": logoID, "type": "image/png"}}).ExpectStatus(t, http.StatusOK)

	var direct []membershipJSON
	f.Member.Get("/organizations/members/"+f.MemberID).ExpectStatus(t, http.StatusOK).JSON(t, &direct)
	if len(direct) != 1 || direct[0].Organization.ID != root || direct[0].Member.Role != "member" || direct[0].Member.InheritedFrom != nil {
		t.Errorf("direct = %+v", direct)
	}
	var inherited []membershipJSON
	f.Admin.Get("/organizations/members/"+f.MemberID+"?includeInherited=true").ExpectStatus(t, http.StatusOK).JSON(t, &inherited)
	got := map[string]membershipJSON{}
	for _, m := range inherited {
		got[m.Organization.ID] = m
	}
	if len(inherited) != 3 || got[grand].Member.InheritedFrom == nil || *got[grand].Member.InheritedFrom != root || got[grand].Member.Role != "member" {
		t.Errorf("inherited = %+v", inherited)
	}
	if l := got[grand].Organization.Logo; l == nil || l.ObjectID != "" || !strings.Contains(l.URL, logoID) {
		t.Errorf("inherited entries are not normalized: %+v", got[grand].Organization.Logo)
	}
	var owned []membershipJSON
	f.Owner.Get("/organizations/members/"+f.OwnerID+"?roles=owner,%20admin&page=2&limit=2").ExpectStatus(t, http.StatusOK).JSON(t, &owned)
	if len(owned) != 1 {
		t.Errorf("owner page 2 = %+v", owned)
	}
	f.Owner.Get("/organizations/members/"+f.OwnerID+"?roles=member").ExpectStatus(t, http.StatusOK).JSON(t, &owned)
	if len(owned) != 0 {
		t.Errorf("owner as member = %+v", owned)
	}
	f.Owner.Get("/organizations/members/"+f.MemberID).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	for _, q := range []string{"?includeInherited=yes", "?limit=0", "?x=1"} {
		f.Admin.Get("/organizations/members/"+f.MemberID+q).ExpectError(t, http.StatusBadRequest, "Validation Error")
	}
}

func TestOrganizationDescendants(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	root := f.newOrg(t, "")
	child := f.newOrg(t, root)
	grand := f.newOrg(t, child)
	f.newOrg(t, "") // unrelated
	ids := func(q string) string {
		var page struct{ Data []orgJSON }
		f.OrgAdmin.Get("/organizations/"+root+"/descendants"+q).ExpectStatus(t, http.StatusOK).JSON(t, &page)
		var out []string
		for _, o := range page.Data {
			out = append(out, o.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids(""); got != child+","+grand {
		t.Errorf("all descendants = %s", got)
	}
	if got := ids("?depth=1"); got != child {
		t.Errorf("depth 1 = %s", got)
	}
	if got := ids("?depth=2&page=2&limit=1"); got != grand {
		t.Errorf("depth 2 page 2 = %s", got)
	}
	f.Owner.Get("/organizations/"+root+"/descendants?depth=1.5").ExpectError(t, http.StatusBadRequest, "Depth must be a string number")
	f.Owner.Get("/organizations/"+root+"/descendants?depth=0").ExpectError(t, http.StatusBadRequest, "Validation Error")
	f.Member.Get("/organizations/"+root+"/descendants").ExpectError(t, http.StatusForbidden, msgNotAdmin)
}

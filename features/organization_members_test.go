package features_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestOrganizationMemberRoleRoute(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	root := f.newOrg(t, "")
	child := f.newOrg(t, root)
	grand := f.newOrg(t, child)
	// x is admin at root and child: the tie goes to the root. y is member
	// at root and admin at child: the higher role (child) wins.
	f.Admin.Patch("/organizations/"+root+"/members", []map[string]any{{"identityId": "x", "role": "admin"}, {"identityId": "y", "role": "member"}}).ExpectStatus(t, http.StatusNoContent)
	f.Admin.Patch("/organizations/"+child+"/members", []map[string]any{{"identityId": "x", "role": "admin"}, {"identityId": "y", "role": "admin"}}).ExpectStatus(t, http.StatusNoContent)
	for who, want := range map[string]string{
		"x":        `{"inheritedFrom":"` + root + `","role":"admin"}`,
		"y":        `{"inheritedFrom":"` + child + `","role":"admin"}`,
		f.MemberID: `{"inheritedFrom":null,"role":"member"}`,
	} {
		if got := string(f.Owner.Get("/organizations/"+grand+"/members/"+who+"/role").ExpectStatus(t, http.StatusOK).Body); got != want {
			t.Errorf("role of %s = %s, want %s", who, got, want)
		}
	}
	f.Admin.Get("/organizations/"+grand+"/members/nobody/role").ExpectError(t, http.StatusNotFound, "No role found for member")
	// Inherited roles do not authorize: the root's owner is not let into
	// the grandchild... unless also a direct member (the fixture made it one).
	f.Admin.Delete("/organizations/"+grand+"/members/"+f.OrgAdminID).ExpectStatus(t, http.StatusNoContent)
	f.OrgAdmin.Get("/organizations/"+grand).ExpectError(t, http.StatusForbidden, msgNotAdmin)
}

func TestOrganizationMembersList(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	var many []map[string]any
	for i := range 11 {
		many = append(many, map[string]any{"identityId": fmt.Sprintf("m%02d", i), "role": "member"})
	}
	f.Admin.Patch("/organizations/"+id+"/members", many).ExpectStatus(t, http.StatusNoContent)
	body := string(f.OrgAdmin.Get("/organizations/"+id+"/members?page=2&limit=5").ExpectStatus(t, http.StatusOK).Body)
	want := `{"data":[{"identityId":"m05","role":"member"},{"identityId":"m06","role":"member"},{"identityId":"m07","role":"member"},{"identityId":"m08","role":"member"},{"identityId":"m09","role":"member"}],"metadata":{"pagination":{"hasNext":true,"hasPrev":true,"limit":5,"page":2,"total":14,"totalPages":3}}}`
	if body != want {
		t.Errorf("members page 2 = %s", body)
	}
	f.Owner.Get("/organizations/"+id+"/members?limit=51").ExpectError(t, http.StatusBadRequest, "Validation Error")
	f.Owner.Get("/organizations/"+id+"/members?x=1").ExpectError(t, http.StatusBadRequest, "Validation Error")

	for q, want := range map[string]string{"m03": "true", "nobody": "false"} {
		got := string(f.Owner.Get("/organizations/"+id+"/members/check-existence?identityId="+q).ExpectStatus(t, http.StatusOK).Body)
		if got != `{"isMemberOfOrganization":`+want+`}` {
			t.Errorf("existence of %s = %s", q, got)
		}
	}
	f.Owner.Get("/organizations/"+id+"/members/check-existence").ExpectError(t, http.StatusBadRequest, "Validation Error")
}

func TestOrganizationMembersUpsert(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	// Upserted entries first, in request order, then the untouched ones.
	f.Owner.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": "z", "role": "admin"}, {"identityId": f.MemberID, "role": "admin"}}).ExpectStatus(t, http.StatusNoContent)
	if got := fmt.Sprint(f.storedMembers(t, id)); got != "[z:admin member:admin orgadmin:admin owner:owner]" {
		t.Errorf("after upsert: %s", got)
	}
	// Org admins assign up to admin and cannot touch an owner; the client
	// sees the admin check's error (the first alternative).
	f.OrgAdmin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": "w", "role": "member"}}).ExpectStatus(t, http.StatusNoContent)
	f.OrgAdmin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": "w", "role": "owner"}}).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.OrgAdmin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": f.OwnerID, "role": "member"}}).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.Member.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": "w", "role": "member"}}).ExpectStatus(t, http.StatusNoContent) // member was promoted to admin above
	before := fmt.Sprint(f.storedMembers(t, id))

	for _, tc := range []struct {
		body   any
		status int
		msg    string
	}{
		{[]map[string]any{{"identityId": f.OwnerID, "role": "member"}}, 409, "There must be at least one owner remaining in the organization"},
		{[]map[string]any{{"identityId": f.OwnerID, "role": "member"}, {"identityId": f.OwnerID, "role": "owner"}}, 400, "Members must not repeat an identityId"},
		// The schema speaks before the duplicate rule, as the reference's schema would.
		{[]map[string]any{{"identityId": "v", "role": "member", "x": 1}, {"identityId": "v", "role": "member"}}, 400, "Validation Error"},
		{[]map[string]any{{"identityId": "v", "role": "bogus"}}, 422, "One or more members have invalid roles"},
		{[]map[string]any{}, 400, "Validation Error"},
		{[]map[string]any{{"identityId": "v", "role": "member", "x": 1}}, 400, "Validation Error"},
		{map[string]any{"identityId": "v"}, 400, "Missing or invalid members"},
	} {
		f.Admin.Patch("/organizations/"+id+"/members", tc.body).ExpectError(t, tc.status, tc.msg)
	}
	if after := fmt.Sprint(f.storedMembers(t, id)); after != before {
		t.Errorf("refused upserts changed members: %s → %s", before, after)
	}
}

// The members validators read each entry of the body as the reference
// reads entry.identityId and entry.role, before the schema: a field counts
// only under its exact name and with a string value. An owner's entry whose
// identityId is a number passes the assignment check (which reads roles
// only) and is refused by the owner check; a field named in another case
// is missing.
func TestOrganizationMembersUpsertReadsEntriesAsTheReference(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	before := fmt.Sprint(f.storedMembers(t, id))
	for _, tc := range []struct {
		caller *blockyardtest.Client
		body   any
	}{
		{f.Owner, []any{map[string]any{"identityId": 5, "role": "member"}}},
		{f.Admin, []any{map[string]any{"identityId": "v", "Role": "owner"}}},
		{f.Admin, []any{map[string]any{"identityid": "v", "role": "owner"}}},
		{f.Admin, []any{map[string]any{"identityId": "v", "role": nil}}},
		{f.Admin, []any{nil}},
		{f.Admin, []any{"v"}},
	} {
		tc.caller.Patch("/organizations/"+id+"/members", tc.body).ExpectError(t, http.StatusBadRequest, "Missing or invalid members")
	}
	if after := fmt.Sprint(f.storedMembers(t, id)); after != before {
		t.Errorf("refused upserts changed members: %s → %s", before, after)
	}
}

func TestOrganizationMemberRemoval(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	// An org admin cannot remove an owner but may remove itself.
	f.OrgAdmin.Delete("/organizations/"+id+"/members/"+f.OwnerID).ExpectError(t, http.StatusForbidden, msgNotAdmin)
	f.Owner.Delete("/organizations/"+id+"/members/"+f.OwnerID).ExpectError(t, http.StatusConflict, "There must be at least one owner remaining in the organization")
	f.OrgAdmin.Delete("/organizations/"+id+"/members/"+f.MemberID).ExpectStatus(t, http.StatusNoContent)
	f.OrgAdmin.Delete("/organizations/"+id+"/members/"+f.OrgAdminID).ExpectStatus(t, http.StatusNoContent)
	f.Admin.Delete("/organizations/"+id+"/members/nobody").ExpectStatus(t, http.StatusNoContent)
	if got := fmt.Sprint(f.storedMembers(t, id)); got != "[owner:owner]" {
		t.Errorf("after removals: %s", got)
	}
	f.Member.Delete("/organizations/"+id+"/members/"+f.OwnerID).ExpectError(t, http.StatusForbidden, msgNotAdmin)
}

// TestOrganizationOwnerSurvivesConcurrentRequests: with two owners, 20
// parallel requests demote or remove them; one owner always remains.
func TestOrganizationOwnerSurvivesConcurrentRequests(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	f.Admin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": f.OrgAdminID, "role": "owner"}}).ExpectStatus(t, http.StatusNoContent)
	owners := []string{f.OwnerID, f.OrgAdminID}
	var wg sync.WaitGroup
	statuses := make([]int, 20)
	for i := range 20 {
		wg.Go(func() {
			target := owners[i%2]
			if i%4 < 2 {
				statuses[i] = f.Admin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": target, "role": "member"}}).Status
			} else {
				statuses[i] = f.Admin.Delete("/organizations/" + id + "/members/" + target).Status
			}
		})
	}
	wg.Wait()
	ok := 0
	for _, s := range statuses {
		switch s {
		case http.StatusNoContent:
			ok++
		case http.StatusConflict:
		default:
			t.Errorf("status %d in %v", s, statuses)
		}
	}
	members := fmt.Sprint(f.storedMembers(t, id))
	if n := strings.Count(members, ":owner"); n != 1 || ok == 0 {
		t.Errorf("%d owners left (%s), %d successes", n, members, ok)
	}
}

// TestOrganizationConcurrentUpsertsLoseNoMember: 20 parallel upserts of
// distinct members all land (the guarded write retries instead of
// overwriting a concurrent change).
func TestOrganizationConcurrentUpsertsLoseNoMember(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			body := []map[string]any{{"identityId": fmt.Sprintf("new%02d", i), "role": "member"}}
			if s := f.Admin.Patch("/organizations/"+id+"/members", body).Status; s != http.StatusNoContent {
				t.Errorf("upsert %d: status %d", i, s)
			}
		})
	}
	wg.Wait()
	if got := len(f.stored(t, id).Members); got != 23 {
		t.Errorf("%d members stored, want 23: %v", got, f.storedMembers(t, id))
	}
}

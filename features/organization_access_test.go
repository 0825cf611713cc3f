package features_test

import (
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// Messages of the access checks as a non-admin sees them: the admin-type
// check is the first alternative of every org route, so its error wins.
const (
	msgNotAdmin = "Identity is not authorized to access this resource"
)

// TestOrganizationAccess checks, route by route, who gets through: each
// actor kind against a fresh organization, plus 401 without a token.
func TestOrganizationAccess(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	type call struct {
		method, path string
		body         any
	}
	routes := []struct {
		name string
		req  func(org string) call
		// want maps actor → status; missing actors expect 403 msgNotAdmin.
		want map[string]int
	}{
		{"get", func(o string) call { return call{"GET", "/organizations/" + o, nil} }, map[string]int{"admin": 200, "owner": 200, "orgadmin": 200, "member": 200}},
		{"list", func(o string) call { return call{"GET", "/organizations", nil} }, map[string]int{"admin": 200}},
		{"update", func(o string) call { return call{"PATCH", "/organizations/" + o, map[string]any{"description": "new"}} }, map[string]int{"admin": 200, "owner": 200}},
		{"admin update", func(o string) call { return call{"PATCH", "/admin/organizations/" + o, map[string]any{"name": "N"}} }, map[string]int{"admin": 200}},
		{"delete", func(o string) call { return call{"DELETE", "/organizations/" + o, nil} }, map[string]int{"admin": 204, "owner": 204}},
		{"role", func(o string) call {
			return call{"GET", "/organizations/" + o + "/members/" + f.MemberID + "/role", nil}
		}, map[string]int{"admin": 200, "owner": 200, "orgadmin": 200}},
		{"existence", func(o string) call {
			return call{"GET", "/organizations/" + o + "/members/check-existence?identityId=" + f.MemberID, nil}
		}, map[string]int{"admin": 200, "owner": 200, "orgadmin": 200}},
		{"members", func(o string) call { return call{"GET", "/organizations/" + o + "/members", nil} }, map[string]int{"admin": 200, "owner": 200, "orgadmin": 200}},
		{"upsert", func(o string) call {
			return call{"PATCH", "/organizations/" + o + "/members", []map[string]any{{"identityId": "new", "role": "member"}}}
		}, map[string]int{"admin": 204, "owner": 204, "orgadmin": 204}},
		{"remove member", func(o string) call { return call{"DELETE", "/organizations/" + o + "/members/" + f.MemberID, nil} }, map[string]int{"admin": 204, "owner": 204, "orgadmin": 204}},
		{"for member", func(o string) call { return call{"GET", "/organizations/members/" + f.MemberID, nil} }, map[string]int{"admin": 200, "member": 200}},
		{"descendants", func(o string) call { return call{"GET", "/organizations/" + o + "/descendants", nil} }, map[string]int{"admin": 200, "owner": 200, "orgadmin": 200}},
	}
	actors := map[string]*blockyardtest.Client{"admin": f.Admin, "owner": f.Owner, "orgadmin": f.OrgAdmin, "member": f.Member, "outsider": f.Outsider}
	for _, rt := range routes {
		t.Run(rt.name, func(t *testing.T) {
			c := rt.req(f.newOrg(t, ""))
			f.Anonymous.Do(c.method, c.path, c.body).ExpectError(t, http.StatusUnauthorized, "")
			for _, name := range []string{"outsider", "member", "orgadmin", "owner", "admin"} {
				c := rt.req(f.newOrg(t, "")) // a fresh organization: some calls write
				want, ok := rt.want[name]
				res := actors[name].Do(c.method, c.path, c.body)
				if !ok {
					res.ExpectError(t, http.StatusForbidden, msgNotAdmin)
					continue
				}
				res.ExpectStatus(t, want)
			}
		})
	}
}

// TestOrganizationNotFound: a system admin addressing a missing
// organization gets 404 on every route that loads it, member writes
// included (the reference answered 403 "Failed to fetch organization").
func TestOrganizationNotFound(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	const p = "/organizations/missing"
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"GET", p, nil},
		{"PATCH", p, map[string]any{"description": "x"}},
		{"PATCH", "/admin" + p, map[string]any{"name": "x"}},
		{"DELETE", p, nil},
		{"GET", p + "/members/" + f.MemberID + "/role", nil},
		{"GET", p + "/members/check-existence?identityId=x", nil},
		{"GET", p + "/members", nil},
		{"PATCH", p + "/members", []map[string]any{{"identityId": "x", "role": "owner"}}},
		{"DELETE", p + "/members/x", nil},
		{"GET", p + "/descendants", nil},
	} {
		f.Admin.Do(c.method, c.path, c.body).ExpectError(t, http.StatusNotFound, "Organization not found")
	}
	// A non-admin sees the admin check's error, whatever the organization.
	f.Owner.Get(p).ExpectError(t, http.StatusForbidden, msgNotAdmin)
}

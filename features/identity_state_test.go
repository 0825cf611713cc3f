package features_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// An owner's access token stops working the moment an administrator locks
// or deletes the owner (the reference honoured it, owner rights included,
// until it expired): on a route whose validators load the caller
// (DELETE /organizations/{id}) and on one that only authenticates
// (POST /auth/logout). Other identities are unaffected, and unlocking
// restores the token.
func TestLockedOrDeletedOwnerLosesItsRightsAtOnce(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t, features.Auth(), features.Identities())
	org := f.newOrg(t, "")
	logout := func(c *blockyardtest.Client) *blockyardtest.Response {
		t.Helper()
		return c.Post("/auth/logout", map[string]string{"refreshToken": "x"})
	}
	stillThere := func() {
		t.Helper()
		if f.count(t) != 1 {
			t.Fatal("the organization was deleted")
		}
	}

	f.Admin.Post("/identities/"+f.OwnerID+"/lock", nil).ExpectStatus(t, http.StatusNoContent)
	f.Owner.Delete("/organizations/"+org).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	stillThere()
	logout(f.Owner).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	f.Owner.Get("/organizations/"+org).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	logout(f.Member).ExpectStatus(t, http.StatusNoContent)
	f.Member.Get("/organizations/"+org).ExpectStatus(t, http.StatusOK)

	// Unlocked: the token (not expired) works again.
	f.Admin.Post("/identities/"+f.OwnerID+"/unlock", nil).ExpectStatus(t, http.StatusNoContent)
	f.Owner.Get("/organizations/"+org).ExpectStatus(t, http.StatusOK)

	// Deleted: the answer routes that load the caller already gave.
	f.Admin.Delete("/identities/"+f.OwnerID).ExpectStatus(t, http.StatusNoContent)
	for _, res := range []*blockyardtest.Response{
		f.Owner.Delete("/organizations/" + org),
		logout(f.Owner),
	} {
		res.ExpectError(t, http.StatusForbidden, "Failed to fetch identity")
		if got := string(res.Body); !strings.Contains(got, `"data":{"cause":{"statusCode":404,"name":"NodeblocksError","functionName":"getIdentityById"}}`) {
			t.Errorf("body %s", got)
		}
	}
	stillThere()
	// Its memberships survive the deletion, as in the reference; they no
	// longer grant anything.
	if m := f.storedMembers(t, org); !slices.Contains(m, "owner:owner") {
		t.Errorf("members %v", m)
	}
	f.Member.Get("/organizations/"+org).ExpectStatus(t, http.StatusOK)
}

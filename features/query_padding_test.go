package features_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// queryPadding is 1000 empty query parameters. Express's qs reads only the
// first 1000 "&"-separated parts of a query, so a parameter after them is
// seen neither by the reference's validation nor by its handlers.
var queryPadding = strings.Repeat("&", 1000)

// Every paged route answers a query padded past qs's parameter limit
// exactly as the reference does: the hidden page, limit and filters are
// not seen, by validation or by the handler, so the answer is the one
// without a query (200, the default page). Plain page and limit answers are
// unchanged: an out-of-range limit is 400, an accepted one is used.
func TestPagedRoutesIgnoreParametersPastTheLimit(t *testing.T) {
	t.Parallel()
	f := &peripheryFixture{newOrgFixture(t, features.Profiles(), features.Identities())}
	root := f.newOrg(t, "")
	child := f.newOrg(t, root)
	f.newOrg(t, child)
	for _, p := range []string{f.newProfile(t, f.Member, f.MemberID), f.newProfile(t, f.Owner, f.OwnerID)} {
		f.Admin.Put("/profiles/"+p+"/organization-follows/"+root, nil).ExpectStatus(t, http.StatusNoContent)
	}
	for _, name := range []string{"A", "B"} {
		f.Owner.Post("/organizations/"+root+"/change-requests", map[string]any{"branchName": name}).ExpectStatus(t, http.StatusNoContent)
	}

	tests := []struct {
		name   string
		c      *blockyardtest.Client
		path   string
		hidden []string // parameters that, seen, would change the answer
	}{
		{"organizations", f.Admin, "/organizations", []string{"name=nobody"}},
		{"members", f.Owner, "/organizations/" + root + "/members", nil},
		{"organizations of a member", f.Member, "/organizations/members/" + f.MemberID, []string{"includeInherited=true", "roles=owner"}},
		{"descendants", f.Owner, "/organizations/" + root + "/descendants", []string{"depth=1", "depth=0"}},
		{"followers", f.Owner, "/organizations/" + root + "/followers", nil},
		{"change requests", f.Owner, "/organizations/" + root + "/change-requests", nil},
		{"identities", f.Admin, "/identities", nil},
	}
	for _, tt := range tests {
		plain := string(tt.c.Get(tt.path).ExpectStatus(t, http.StatusOK).Body)
		for _, hidden := range append([]string{"limit=100000", "page=2&limit=1", "limit=1", "x=1"}, tt.hidden...) {
			res := tt.c.Get(tt.path + "?" + queryPadding + hidden)
			if got := string(res.Body); res.Status != http.StatusOK || got != plain {
				t.Errorf("%s: GET %s?&×1000%s = %d %s\nwant 200 %s", tt.name, tt.path, hidden, res.Status, got, plain)
			}
		}
		expectValidation(t, tt.c.Get(tt.path+"?limit=100000"), "query parameter 'limit' must be <= 50")
		// A limit in plain sight is used.
		res := tt.c.Get(tt.path+"?limit=1").ExpectStatus(t, http.StatusOK)
		var paged struct {
			Data     []json.RawMessage
			Metadata struct{ Pagination struct{ Limit int } }
		}
		var bare []json.RawMessage
		if json.Unmarshal(res.Body, &bare) == nil {
			if len(bare) > 1 {
				t.Errorf("%s?limit=1: %d items", tt.name, len(bare))
			}
		} else if res.JSON(t, &paged); len(paged.Data) != 1 || paged.Metadata.Pagination.Limit != 1 {
			t.Errorf("%s?limit=1: %s", tt.name, res.Body)
		}
	}
}

package features_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// TestMixedLoadKeepsInvariants runs admins, owners and members against the
// same organizations at once (member upserts and removals, attempts to
// demote the last owner, reads, follows and unfollows, change requests) and
// checks that nothing ever answers 5xx, that no organization loses its
// owner, and that no member is listed twice. Bounded: 12 workers × 30
// requests on one machine.
func TestMixedLoadKeepsInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test")
	}
	t.Parallel()
	f := newPeripheryFixture(t)
	orgs := []string{f.newOrg(t, ""), f.newOrg(t, ""), f.newOrg(t, "")}
	profile := f.newProfile(t, f.Member, f.MemberID)
	others := []string{f.OrgAdminID, f.MemberID, f.OutsiderID}
	roles := []string{"member", "admin"}

	var fives, requests atomic.Int64
	check := func(r *blockyardtest.Response, what string) {
		requests.Add(1)
		if r.Status >= 500 {
			fives.Add(1)
			t.Errorf("%s answered %d %s", what, r.Status, r.Body)
		}
	}
	var wg sync.WaitGroup
	for w := range 12 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for range 30 {
				org := orgs[rng.IntN(len(orgs))]
				switch op := rng.IntN(8); op {
				case 0:
					body := []map[string]string{{"identityId": others[rng.IntN(len(others))], "role": roles[rng.IntN(len(roles))]}}
					check(f.Admin.Patch("/organizations/"+org+"/members", body), "upsert")
				case 1:
					check(f.Admin.Delete("/organizations/"+org+"/members/"+others[rng.IntN(len(others))]), "remove")
				case 2:
					// Demoting the only owner must always be refused.
					r := f.Admin.Patch("/organizations/"+org+"/members", []map[string]string{{"identityId": f.OwnerID, "role": "member"}})
					check(r, "demote owner")
					if r.Status != http.StatusConflict {
						t.Errorf("demoting the last owner answered %d %s", r.Status, r.Body)
					}
				case 3:
					check(f.Owner.Get("/organizations/"+org), "get")
				case 4:
					check(f.Owner.Get("/organizations/"+org+"/members?limit=50"), "members")
				case 5:
					check(f.Member.Put("/profiles/"+profile+"/organization-follows/"+org, nil), "follow")
				case 6:
					check(f.Member.Delete("/profiles/"+profile+"/organization-follows/"+org), "unfollow")
				case 7:
					check(f.Owner.Post("/organizations/"+org+"/change-requests", map[string]string{"name": fmt.Sprint("Name ", rng.IntN(3))}), "change request")
				}
			}
		})
	}
	wg.Wait()

	for _, org := range orgs {
		o := f.stored(t, org)
		owners, seen := 0, map[string]bool{}
		for _, m := range o.Members {
			if seen[m.IdentityID] {
				t.Errorf("org %s lists %s twice: %v", org, m.IdentityID, o.Members)
			}
			seen[m.IdentityID] = true
			if m.Role == "owner" {
				owners++
			}
		}
		if owners != 1 || !seen[f.OwnerID] {
			t.Errorf("org %s owners %d, members %v", org, owners, o.Members)
		}
	}
	if follows := f.storedFollows(t, profile); len(follows) > len(orgs) {
		t.Errorf("profile follows %v: an organization twice", follows)
	}
	t.Logf("%d requests, %d answered 5xx", requests.Load(), fives.Load())
}

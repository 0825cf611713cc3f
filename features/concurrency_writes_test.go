package features_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// The concurrency suite: writes of different routes racing on one
// organization, over HTTP and the real database, in bounded rounds. On
// FerretDB each write is a read followed by a whole-document write, so
// without the in-process write serialization of internal/embeddeddb these
// lose acknowledged writes (see docs/mongo-portable.md). Run it with
//
//	go test -race -run Concurrency -count=10 ./features/

// concurrencyRounds bounds every test of the suite; each round races 16
// requests.
const concurrencyRounds = 6

// concurrently runs fns at once (each in its own goroutine, released
// together) and waits for all.
func concurrently(fns ...func()) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Go(func() {
			<-start
			fn()
		})
	}
	close(start)
	wg.Wait()
}

// memberRoles returns the stored members of org as identity → role.
func (f *orgFixture) memberRoles(t *testing.T, org string) map[string]string {
	t.Helper()
	roles := map[string]string{}
	for _, m := range f.stored(t, org).Members {
		roles[m.IdentityID] = m.Role
	}
	return roles
}

// expectStatus fails t (not fatally: it runs in request goroutines) unless
// status is one of want.
func expectStatus(t *testing.T, what string, r *blockyardtest.Response, want ...int) {
	if !slices.Contains(want, r.Status) {
		t.Errorf("%s: status %d %s, want %v", what, r.Status, r.Body, want)
	}
}

// TestConcurrencyMemberUpsertsSurviveOrganizationPatches: 8 member upserts
// race 8 owner PATCH /organizations/{id}; every upsert that answered 204 is
// stored, and the description is one a PATCH wrote.
func TestConcurrencyMemberUpsertsSurviveOrganizationPatches(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	org := f.newOrg(t, "")
	for round := range concurrencyRounds {
		acked := make([]bool, 8)
		var fns []func()
		for i := range 8 {
			fns = append(fns, func() {
				r := f.Admin.Patch("/organizations/"+org+"/members", []map[string]string{{"identityId": fmt.Sprintf("r%d-m%d", round, i), "role": "member"}})
				expectStatus(t, "upsert", r, http.StatusNoContent, http.StatusConflict)
				acked[i] = r.Status == http.StatusNoContent
			}, func() {
				r := f.Owner.Patch("/organizations/"+org, map[string]string{"description": fmt.Sprintf("r%d-p%d", round, i)})
				expectStatus(t, "organization PATCH", r, http.StatusOK)
			})
		}
		concurrently(fns...)

		roles := f.memberRoles(t, org)
		for i, ok := range acked {
			if id := fmt.Sprintf("r%d-m%d", round, i); ok && roles[id] != "member" {
				t.Errorf("round %d: upsert of %s answered 204 but the member is not stored (members %v)", round, id, roles)
			}
		}
		if d := f.stored(t, org).Description; !strings.HasPrefix(d, fmt.Sprintf("r%d-p", round)) {
			t.Errorf("round %d: description %q was not written by this round's PATCHes", round, d)
		}
	}
}

// TestConcurrencyChangeRequestsKeepAuditStatus: 8 member upserts race 8
// change requests (then 1, which makes a lost auditStatus likelier: an
// upsert's stale write must only follow one change request) on an
// organization an admin has approved; every upsert that answered 204 is
// stored, and the waiting_for_review a change request set is kept.
func TestConcurrencyChangeRequestsKeepAuditStatus(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	for round := range concurrencyRounds {
		for phase, changeRequests := range []int{8, 1} {
			f.Admin.Patch("/admin/organizations/"+org, map[string]string{"auditStatus": "approved"}).ExpectStatus(t, http.StatusOK)
			acked := make([]bool, 8)
			var requested atomic.Int32 // change requests that answered 204
			var fns []func()
			for i := range 8 {
				fns = append(fns, func() {
					r := f.Admin.Patch("/organizations/"+org+"/members", []map[string]string{{"identityId": fmt.Sprintf("r%d.%d-m%d", round, phase, i), "role": "member"}})
					expectStatus(t, "upsert", r, http.StatusNoContent, http.StatusConflict)
					acked[i] = r.Status == http.StatusNoContent
				})
			}
			for i := range changeRequests {
				fns = append(fns, func() {
					r := f.Owner.Post("/organizations/"+org+"/change-requests", map[string]string{"typeId": fmt.Sprintf("r%d.%d-c%d", round, phase, i)})
					expectStatus(t, "change request", r, http.StatusNoContent)
					if r.Status == http.StatusNoContent {
						requested.Add(1)
					}
				})
			}
			concurrently(fns...)

			roles := f.memberRoles(t, org)
			for i, ok := range acked {
				if id := fmt.Sprintf("r%d.%d-m%d", round, phase, i); ok && roles[id] != "member" {
					t.Errorf("round %d.%d: upsert of %s answered 204 but the member is not stored (members %v)", round, phase, id, roles)
				}
			}
			if s := f.auditStatus(t, org); requested.Load() > 0 && s != "waiting_for_review" {
				t.Errorf("round %d.%d: auditStatus %q after %d change requests answered 204", round, phase, s, requested.Load())
			}
		}
	}
}

// TestConcurrencyRemovedAdminsStayRemoved: 8 removals of admins race 8
// owner PATCH /organizations/{id}; no admin whose removal answered 204
// comes back.
func TestConcurrencyRemovedAdminsStayRemoved(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	org := f.newOrg(t, "")
	for round := range concurrencyRounds {
		admins := make([]map[string]string, 8)
		for i := range admins {
			admins[i] = map[string]string{"identityId": fmt.Sprintf("r%d-a%d", round, i), "role": "admin"}
		}
		f.Admin.Patch("/organizations/"+org+"/members", admins).ExpectStatus(t, http.StatusNoContent)
		removed := make([]bool, 8)
		var fns []func()
		for i := range 8 {
			fns = append(fns, func() {
				r := f.Admin.Delete("/organizations/" + org + "/members/" + admins[i]["identityId"])
				expectStatus(t, "removal", r, http.StatusNoContent, http.StatusConflict)
				removed[i] = r.Status == http.StatusNoContent
			}, func() {
				r := f.Owner.Patch("/organizations/"+org, map[string]string{"description": fmt.Sprintf("r%d-p%d", round, i)})
				expectStatus(t, "organization PATCH", r, http.StatusOK)
			})
		}
		concurrently(fns...)

		roles := f.memberRoles(t, org)
		for i, ok := range removed {
			if id := admins[i]["identityId"]; ok && roles[id] != "" {
				t.Errorf("round %d: removal of %s answered 204 but it is back as %q", round, id, roles[id])
			}
		}
	}
}

// TestConcurrencyLastOwnerRemains: with two owners, 8 demotions and
// removals of both race 8 organization PATCHes; exactly one owner remains,
// and it is not one whose demotion or removal answered 204.
func TestConcurrencyLastOwnerRemains(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	org := f.newOrg(t, "")
	owners := []string{f.OwnerID, f.OrgAdminID}
	for round := range concurrencyRounds {
		f.Admin.Patch("/organizations/"+org+"/members", []map[string]string{
			{"identityId": owners[0], "role": "owner"}, {"identityId": owners[1], "role": "owner"},
		}).ExpectStatus(t, http.StatusNoContent)
		var mu sync.Mutex
		demoted := map[string]bool{}
		var fns []func()
		for i := range 8 {
			target := owners[i%2]
			fns = append(fns, func() {
				var r *blockyardtest.Response
				if i%4 < 2 {
					r = f.Admin.Patch("/organizations/"+org+"/members", []map[string]string{{"identityId": target, "role": "member"}})
				} else {
					r = f.Admin.Delete("/organizations/" + org + "/members/" + target)
				}
				expectStatus(t, "demotion or removal", r, http.StatusNoContent, http.StatusConflict)
				if r.Status == http.StatusNoContent {
					mu.Lock()
					demoted[target] = true
					mu.Unlock()
				}
			}, func() {
				r := f.Admin.Patch("/organizations/"+org, map[string]string{"description": fmt.Sprintf("r%d-p%d", round, i)})
				expectStatus(t, "organization PATCH", r, http.StatusOK)
			})
		}
		concurrently(fns...)

		roles := f.memberRoles(t, org)
		var left []string
		for _, o := range owners {
			if roles[o] == "owner" {
				left = append(left, o)
				if demoted[o] {
					t.Errorf("round %d: %s was demoted or removed (204) but is an owner again", round, o)
				}
			}
		}
		if len(left) != 1 {
			t.Errorf("round %d: %d owners left (%v), want exactly 1", round, len(left), roles)
		}
	}
}

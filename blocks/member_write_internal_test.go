package blocks

import (
	"fmt"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestWriteMembersRetriesAfterConcurrentWrite simulates another process
// changing the members between writeMembers' read and write: the guarded
// write must miss, re-read and recompute, losing nothing.
func TestWriteMembersRetriesAfterConcurrentWrite(t *testing.T) {
	t.Parallel()
	orgs := blockyardtest.Database(t).Collection("organizations")
	ctx := t.Context()
	_, err := orgs.InsertOne(ctx, Organization{ID: "o", Ancestors: []string{}, Members: []Member{{IdentityID: "a", Role: "owner"}}, UpdatedAt: "2026-01-01T00:00:00.000Z"})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	res := writeMembers(ctx, orgs, "o", time.Now, ErrUpsertMembers, func(org *Organization) mo.Result[[]Member] {
		calls++
		if calls == 1 { // another writer gets in after our read
			_, err := orgs.UpdateOne(ctx, bson.D{{Key: "id", Value: "o"}}, bson.D{{Key: "$set", Value: bson.D{
				{Key: "members", Value: append(org.Members, Member{IdentityID: "other", Role: "member"})},
				{Key: "updatedAt", Value: "2026-01-01T00:00:00.500Z"},
			}}})
			if err != nil {
				t.Fatal(err)
			}
		}
		return mo.Ok(append(org.Members, Member{IdentityID: "mine", Role: "member"}))
	})
	org, err := res.Get()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := GetOrganizationByID(ctx, orgs, "o").Get()
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || fmt.Sprint(stored.Members) != "[{a owner} {other member} {mine member}]" || stored.UpdatedAt != org.UpdatedAt {
		t.Errorf("calls %d, stored %v at %s, returned %s", calls, stored.Members, stored.UpdatedAt, org.UpdatedAt)
	}
}

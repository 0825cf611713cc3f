package blocks

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// withConcurrentWrite returns ctx with a guardedRewrite hook that runs
// write once, between the first attempt's read and its guarded write, the
// way another process would; calls counts the attempts.
func withConcurrentWrite(t *testing.T, ctx context.Context, write func()) (context.Context, *int) {
	t.Helper()
	calls := 0
	return context.WithValue(ctx, guardedWriteHookKey{}, func() {
		calls++
		if calls == 1 {
			write()
		}
	}), &calls
}

// follows returns the stored followOrganizationIds and updatedAt of the
// profile.
func follows(t *testing.T, profiles *mongo.Collection, id string) (string, string) {
	t.Helper()
	p, err := GetProfileByID(t.Context(), profiles, id).Get()
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, f := range p.OrganizationFollows {
		ids = append(ids, f.FollowOrganizationID)
	}
	return fmt.Sprint(ids), p.UpdatedAt
}

// TestUnfollowRetriesAfterConcurrentWrite plays another process writing
// the profile's follows between UnfollowOrganization's read and its
// guarded write: the write must miss, re-read and recompute, losing
// nothing. Each case defeats one part of the guard: dropping it (or
// matching a missing updatedAt wrongly) makes the case fail.
func TestUnfollowRetriesAfterConcurrentWrite(t *testing.T) {
	t.Parallel()
	const t0, t1 = "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.500Z"
	now := time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC)
	fl := func(ids ...string) bson.A {
		a := bson.A{}
		for _, id := range ids {
			a = append(a, OrganizationFollow{FollowOrganizationID: id, CreatedAt: t0, UpdatedAt: t0})
		}
		return a
	}
	for _, c := range []struct {
		name      string
		updatedAt any // stored before; nil: absent
		// concurrent is the other process's update.
		concurrent bson.D
		want       string // follows stored in the end
	}{
		// Same number of follows, updatedAt moved: only the updatedAt
		// guard sees it.
		{"updatedAt guard", t0, bson.D{bson.E{Key: "$set", Value: bson.D{
			bson.E{Key: "organizationFollows", Value: fl("org-1", "org-3")}, bson.E{Key: "updatedAt", Value: t1},
		}}}, "[org-3]"},
		// The same on a profile stored without updatedAt: "still absent"
		// must be guarded too.
		{"absent updatedAt guard", nil, bson.D{bson.E{Key: "$set", Value: bson.D{
			bson.E{Key: "organizationFollows", Value: fl("org-1", "org-3")}, bson.E{Key: "updatedAt", Value: t1},
		}}}, "[org-3]"},
		// No race on a profile stored without updatedAt: the first write
		// must match.
		{"absent updatedAt, no race", nil, nil, "[org-2]"},
		// A follow that leaves updatedAt as it was (FollowOrganization's
		// $max with a clock behind): only the length guard sees it.
		{"length guard", t0, bson.D{bson.E{Key: "$push", Value: bson.D{
			bson.E{Key: "organizationFollows", Value: OrganizationFollow{FollowOrganizationID: "org-3", CreatedAt: t0, UpdatedAt: t0}},
		}}}, "[org-2 org-3]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			profiles := blockyardtest.Database(t).Collection("profiles")
			doc := bson.D{bson.E{Key: "organizationFollows", Value: fl("org-1", "org-2")}, bson.E{Key: "id", Value: "p"}}
			if c.updatedAt != nil {
				doc = append(doc, bson.E{Key: "updatedAt", Value: c.updatedAt})
			}
			if _, err := profiles.InsertOne(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			ctx, calls := withConcurrentWrite(t, t.Context(), func() {
				if c.concurrent == nil {
					return
				}
				if _, err := profiles.UpdateOne(t.Context(), bson.D{bson.E{Key: "id", Value: "p"}}, c.concurrent); err != nil {
					t.Fatal(err)
				}
			})
			p, err := UnfollowOrganization(ctx, profiles, "p", "org-1", now).Get()
			if err != nil {
				t.Fatal(err)
			}
			ids, updatedAt := follows(t, profiles, "p")
			attempts := 2
			if c.concurrent == nil {
				attempts = 1
			}
			if *calls != attempts || ids != c.want || updatedAt != p.UpdatedAt || updatedAt != "2026-01-01T00:00:01.000Z" {
				t.Errorf("attempts %d, stored %s at %s, returned %s", *calls, ids, updatedAt, p.UpdatedAt)
			}
		})
	}
}

// TestWriteMembersGuardsAgainstAConcurrentWrite is the members' side of
// the same guard, through the hook rather than the change function.
func TestWriteMembersGuardsAgainstAConcurrentWrite(t *testing.T) {
	t.Parallel()
	orgs := blockyardtest.Database(t).Collection("organizations")
	// Stored without updatedAt, as a document written by hand may be.
	if _, err := orgs.InsertOne(t.Context(), bson.D{
		bson.E{Key: "id", Value: "o"}, bson.E{Key: "ancestors", Value: bson.A{}},
		bson.E{Key: "members", Value: []Member{{IdentityID: "a", Role: "owner"}}},
	}); err != nil {
		t.Fatal(err)
	}
	ctx, calls := withConcurrentWrite(t, t.Context(), func() {
		_, err := orgs.UpdateOne(t.Context(), bson.D{bson.E{Key: "id", Value: "o"}}, bson.D{bson.E{Key: "$set", Value: bson.D{
			bson.E{Key: "members", Value: []Member{{IdentityID: "a", Role: "owner"}, {IdentityID: "other", Role: "member"}}},
			bson.E{Key: "updatedAt", Value: "2026-01-01T00:00:00.500Z"},
		}}})
		if err != nil {
			t.Fatal(err)
		}
	})
	res := writeMembers(ctx, orgs, "o", time.Now, ErrUpsertMembers, func(org *Organization) mo.Result[[]Member] {
		return mo.Ok(append(org.Members, Member{IdentityID: "mine", Role: "member"}))
	})
	if err := res.Error(); err != nil {
		t.Fatal(err)
	}
	stored, err := GetOrganizationByID(t.Context(), orgs, "o").Get()
	if err != nil {
		t.Fatal(err)
	}
	if *calls != 2 || fmt.Sprint(stored.Members) != "[{a owner} {other member} {mine member}]" {
		t.Errorf("attempts %d, stored %v", *calls, stored.Members)
	}
}

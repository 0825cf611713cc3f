package blocks_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

var orgRoles = nodeblocks.Config{}.Defaults().OrganizationRoles

func orgsOf(t *testing.T) *mongo.Collection {
	t.Helper()
	return blockyardtest.Database(t).Collection("organizations")
}

func strp(s string) *string { return &s }

// createOrg stores an organization through CreateOrganization.
func createOrg(t *testing.T, orgs *mongo.Collection, id, owner string, parent *blocks.Organization) *blocks.Organization {
	t.Helper()
	in := blocks.NewOrganization{
		Organization: blocks.OrganizationFields{Name: strp("Org " + id), Description: strp("d"), ContactEmail: strp("c@x.com")},
		OwnerID:      owner,
	}
	var ancestors []string
	if parent != nil {
		in.ParentID = parent.ID
		ancestors = blocks.CalculateChildAncestors(parent)
	}
	org, err := blocks.CreateOrganization(t.Context(), orgs, nil, in, ancestors, orgRoles, time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC), id).Get()
	if err != nil {
		t.Fatalf("create %s: %v", id, err)
	}
	return org
}

func TestOrganizationCreateAndGet(t *testing.T) {
	t.Parallel()
	orgs := orgsOf(t)
	root := createOrg(t, orgs, "root", "alice", nil)
	child := createOrg(t, orgs, "child", "bob", root)
	grand := createOrg(t, orgs, "grand", "carol", child)
	if fmt.Sprint(grand.Ancestors) != "[root child]" || *grand.ParentID != "child" {
		t.Errorf("grandchild ancestors %v parent %v", grand.Ancestors, *grand.ParentID)
	}
	got, err := blocks.GetOrganizationByID(t.Context(), orgs, "child").Get()
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedAt != "2026-01-02T03:04:05.006Z" || fmt.Sprint(got.Members) != "[{bob owner}]" || fmt.Sprint(got.Ancestors) != "[root]" {
		t.Errorf("stored child = %+v", got)
	}
	var raw bson.D
	if err := orgs.FindOne(t.Context(), bson.D{{Key: "id", Value: "root"}}).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range raw {
		keys = append(keys, e.Key)
	}
	if want := "[_id name description contact_email ancestors members parentId createdAt id updatedAt]"; fmt.Sprint(keys) != want {
		t.Errorf("stored keys %v, want %s", keys, want)
	}
	_, err = blocks.GetOrganizationByID(t.Context(), orgs, "nope").Get()
	if e := primitives.AsError(err); e.Status != http.StatusNotFound || e.Message != "Organization not found" || e.Op != "getOrganizationById" {
		t.Errorf("missing org error = %+v", e)
	}
}

func TestOrganizationExtraFieldsRoundTrip(t *testing.T) {
	t.Parallel()
	orgs := orgsOf(t)
	_, err := orgs.InsertOne(t.Context(), bson.D{
		{Key: "id", Value: "n"}, {Key: "name", Value: "N"}, {Key: "description", Value: ""},
		{Key: "contact_email", Value: "e@x.com"}, {Key: "logo", Value: nil}, {Key: "nodeOnly", Value: "kept"}, {Key: "meta", Value: bson.D{{Key: "b", Value: 2}, {Key: "a", Value: bson.A{1, bson.D{{Key: "c", Value: true}}}}}},
		{Key: "ancestors", Value: bson.A{}}, {Key: "members", Value: bson.A{}}, {Key: "parentId", Value: nil},
	})
	if err != nil {
		t.Fatal(err)
	}
	org, err := blocks.GetOrganizationByID(t.Context(), orgs, "n").Get()
	if err != nil {
		t.Fatal(err)
	}
	b, err := org.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"N","description":"","contact_email":"e@x.com","logo":null,"ancestors":[],"members":[],"parentId":null,"createdAt":"","id":"n","updatedAt":"","meta":{"b":2,"a":[1,{"c":true}]},"nodeOnly":"kept"}`
	if string(b) != want {
		t.Errorf("json = %s\nwant   %s", b, want)
	}
}

func TestOrganizationDescendantsQuery(t *testing.T) {
	t.Parallel()
	orgs := orgsOf(t)
	root := createOrg(t, orgs, "root", "a", nil)
	child := createOrg(t, orgs, "child", "a", root)
	createOrg(t, orgs, "grand", "a", child)
	createOrg(t, orgs, "other", "a", nil)
	for depth, want := range map[string]string{"": "[child grand]", "1": "[child]", "2": "[child grand]", "99999999999": "[child grand]"} {
		q, err := blocks.BuildDescendantsQuery(root, depth).Get()
		if err != nil {
			t.Fatal(err)
		}
		p, err := blocks.FindDescendants(t.Context(), orgs, q, primitives.DefaultPage()).Get()
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, o := range p.Data {
			ids = append(ids, o.ID)
		}
		if fmt.Sprint(ids) != want {
			t.Errorf("depth %q: %v, want %s", depth, ids, want)
		}
	}
	if _, err := blocks.BuildDescendantsQuery(child, "1.5").Get(); !errors.Is(err, blocks.ErrInvalidDepth) {
		t.Errorf("depth 1.5: %v", err)
	}
}

func TestOrganizationMemberRoleInheritance(t *testing.T) {
	t.Parallel()
	root := &blocks.Organization{ID: "root", Ancestors: []string{}, Members: []blocks.Member{{IdentityID: "x", Role: "admin"}, {IdentityID: "m", Role: "member"}}}
	child := &blocks.Organization{ID: "child", Ancestors: []string{"root"}, Members: []blocks.Member{{IdentityID: "x", Role: "admin"}, {IdentityID: "m", Role: "admin"}}}
	grand := &blocks.Organization{ID: "grand", Ancestors: []string{"root", "child"}, Members: []blocks.Member{{IdentityID: "d", Role: "member"}}}
	ancestors := []*blocks.Organization{child, root}
	for _, tc := range []struct{ id, from, role string }{
		{"d", "", "member"},     // direct wins
		{"x", "root", "admin"},  // tie goes to the root
		{"m", "child", "admin"}, // higher role wins
	} {
		got, err := blocks.CalculateMemberRole(grand, ancestors, tc.id, orgRoles).Get()
		if err != nil {
			t.Fatal(err)
		}
		from := ""
		if got.InheritedFrom != nil {
			from = *got.InheritedFrom
		}
		if from != tc.from || got.Role != tc.role {
			t.Errorf("%s: %s from %q, want %s from %q", tc.id, got.Role, from, tc.role, tc.from)
		}
	}
	if _, err := blocks.CalculateMemberRole(grand, ancestors, "nobody", orgRoles).Get(); !errors.Is(err, blocks.ErrNoMemberRole) {
		t.Errorf("no role: %v", err)
	}
}

func TestOrganizationMembersWrites(t *testing.T) {
	t.Parallel()
	orgs := orgsOf(t)
	createOrg(t, orgs, "o", "alice", nil)
	now := func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC) } // frozen: updatedAt must still advance
	ctx := t.Context()
	org, err := blocks.UpsertOrganizationMembers(ctx, orgs, "o", []blocks.Member{{IdentityID: "bob", Role: "admin"}, {IdentityID: "alice", Role: "owner"}}, orgRoles, now).Get()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(org.Members) != "[{bob admin} {alice owner}]" || org.UpdatedAt != "2026-01-02T03:04:05.007Z" {
		t.Errorf("after upsert: %v %s", org.Members, org.UpdatedAt)
	}
	for _, tc := range []struct {
		members []blocks.Member
		want    error
	}{
		{[]blocks.Member{{IdentityID: "alice", Role: "member"}}, blocks.ErrOwnerRequired},
		{[]blocks.Member{{IdentityID: "c", Role: "bogus"}}, blocks.ErrInvalidMemberRoles},
		{[]blocks.Member{{IdentityID: "alice", Role: "member"}, {IdentityID: "alice", Role: "owner"}}, blocks.ErrDuplicateMembers},
	} {
		if _, err := blocks.UpsertOrganizationMembers(ctx, orgs, "o", tc.members, orgRoles, now).Get(); !errors.Is(err, tc.want) {
			t.Errorf("upsert %v: %v, want %v", tc.members, err, tc.want)
		}
	}
	if _, err := blocks.DeleteOrganizationMember(ctx, orgs, "o", "alice", orgRoles, now).Get(); !errors.Is(err, blocks.ErrOwnerRequired) {
		t.Errorf("remove last owner: %v", err)
	}
	if _, err := blocks.DeleteOrganizationMember(ctx, orgs, "missing", "alice", orgRoles, now).Get(); !errors.Is(err, blocks.ErrOrganizationNotFound) {
		t.Errorf("missing org: %v", err)
	}
	org, err = blocks.DeleteOrganizationMember(ctx, orgs, "o", "bob", orgRoles, now).Get()
	if err != nil || fmt.Sprint(org.Members) != "[{alice owner}]" {
		t.Errorf("remove bob: %v %v", org, err)
	}
}

// TestOrganizationMembersConcurrentOwnerInvariant: two owners, each demoted
// and removed by 20 parallel writers; exactly one owner must remain.
func TestOrganizationMembersConcurrentOwnerInvariant(t *testing.T) {
	t.Parallel()
	orgs := orgsOf(t)
	createOrg(t, orgs, "o", "a", nil)
	ctx := context.Background()
	if _, err := blocks.UpsertOrganizationMembers(ctx, orgs, "o", []blocks.Member{{IdentityID: "b", Role: "owner"}}, orgRoles, time.Now).Get(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			target := []string{"a", "b"}[i%2]
			var err error
			if i%4 < 2 {
				_, err = blocks.UpsertOrganizationMembers(ctx, orgs, "o", []blocks.Member{{IdentityID: target, Role: "member"}}, orgRoles, time.Now).Get()
			} else {
				_, err = blocks.DeleteOrganizationMember(ctx, orgs, "o", target, orgRoles, time.Now).Get()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil && !errors.Is(err, blocks.ErrOwnerRequired) {
			t.Errorf("unexpected error %v", err)
		}
	}
	org, err := blocks.GetOrganizationByID(ctx, orgs, "o").Get()
	if err != nil {
		t.Fatal(err)
	}
	if !blocks.HasOwner(org.Members, orgRoles) {
		t.Fatalf("no owner left: %v", org.Members)
	}
}

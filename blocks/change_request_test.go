package blocks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

func ptr[T any](v T) *T { return &v }

// insertTestOrganization stores a minimal organization with the given
// members.
func insertTestOrganization(t *testing.T, orgs *mongo.Collection, id, name string, members ...blocks.Member) *blocks.Organization {
	t.Helper()
	org := &blocks.Organization{
		Name: name, Description: "d", ContactEmail: "c@example.com",
		Ancestors: []string{}, Members: members,
		CreatedAt: "2026-01-01T00:00:00.000Z", ID: id, UpdatedAt: "2026-01-01T00:00:00.000Z",
	}
	if members == nil {
		org.Members = []blocks.Member{}
	}
	if _, err := orgs.InsertOne(t.Context(), org); err != nil {
		t.Fatal(err)
	}
	return org
}

func TestCreateChangeRequestStoresOnlyTheSentFields(t *testing.T) {
	t.Parallel()
	crs := blockyardtest.Database(t).Collection("organizationChangeRequests")
	fields := blocks.ChangeRequestFields{
		Name:                    ptr("New name"),
		PostalCode:              ptr(""),
		CertificateImage:        &blocks.File{ObjectID: "obj", Type: "application/pdf"},
		CertifiedQualifications: blocks.Qualifications{{Name: "ISO", Status: "ok", Value: "9001"}},
	}
	cr, err := blocks.CreateChangeRequest(t.Context(), crs, "org-1", "idn-1", fields, profileTestTime, "cr-1").Get()
	if err != nil {
		t.Fatalf("CreateChangeRequest: %v", err)
	}
	if cr.ID != "cr-1" || cr.MongoID != nil {
		t.Errorf("returned %+v", cr)
	}
	var m bson.D
	if err := crs.FindOne(t.Context(), bson.D{bson.E{Key: "id", Value: "cr-1"}}).Decode(&m); err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for _, e := range m {
		keys = append(keys, e.Key)
	}
	want := "[_id identityId organizationId name postalCode certificateImage certifiedQualifications createdAt id updatedAt]"
	if fmt.Sprint(keys) != want {
		t.Errorf("stored keys %v\nwant        %s", keys, want)
	}
	got := map[string]any{}
	for _, e := range m {
		got[e.Key] = e.Value
	}
	if got["identityId"] != "idn-1" || got["organizationId"] != "org-1" || got["name"] != "New name" || got["postalCode"] != "" || got["createdAt"] != "2026-11-22T01:02:03.456Z" {
		t.Errorf("stored %v", got)
	}
}

func TestFindAndNormalizeChangeRequests(t *testing.T) {
	t.Parallel()
	crs := blockyardtest.Database(t).Collection("organizationChangeRequests")
	for i, org := range []string{"org-1", "org-2", "org-1", "org-1"} {
		f := blocks.ChangeRequestFields{BranchName: ptr(fmt.Sprint("b", i))}
		if i == 2 {
			f.CertificateImage = &blocks.File{ObjectID: "good", Type: "image/png"}
		}
		if i == 3 {
			f.CertificateImage = &blocks.File{ObjectID: "bad", Type: "application/pdf"}
		}
		if err := blocks.CreateChangeRequest(t.Context(), crs, org, "idn", f, profileTestTime, fmt.Sprint("cr-", i)).Error(); err != nil {
			t.Fatal(err)
		}
	}

	page, err := blocks.FindChangeRequests(t.Context(), crs, "org-1", primitives.Page{Page: 1, Limit: 2}).Get()
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Data) != 2 || page.Data[0].ID != "cr-0" || page.Data[1].ID != "cr-2" || page.Metadata.Pagination.Total != 3 || !page.Metadata.Pagination.HasNext {
		t.Errorf("page = %+v", page)
	}

	all, err := blocks.FindChangeRequests(t.Context(), crs, "org-1", primitives.DefaultPage()).Get()
	if err != nil {
		t.Fatal(err)
	}
	norm, err := blocks.NormalizeChangeRequests(t.Context(), signStub{failOn: "bad"}, all.Data).Get()
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{}
	for _, cr := range norm {
		urls = append(urls, cr.CertificateImageURL)
	}
	if fmt.Sprint(urls) != "[ https://stub/get/good.png ]" {
		t.Errorf("certificate URLs = %q (none, signed, left out on failure)", urls)
	}
	b, _ := json.Marshal(norm[1])
	want := `{"identityId":"idn","organizationId":"org-1","branchName":"b2","certificateImage":{"objectId":"good","type":"image/png"},"createdAt":"2026-11-22T01:02:03.456Z","id":"cr-2","updatedAt":"2026-11-22T01:02:03.456Z","certificateImageUrl":"https://stub/get/good.png"}`
	if string(b) != want {
		t.Errorf("JSON %s\nwant %s", b, want)
	}
}

func TestMarkWaitingForReviewFromAnyState(t *testing.T) {
	t.Parallel()
	orgs := blockyardtest.Database(t).Collection("organizations")
	insertTestOrganization(t, orgs, "org-1", "Org")
	for i, before := range []string{"", blocks.AuditApproved, blocks.AuditRejected, blocks.AuditWaitingForReview} {
		if before != "" {
			if _, err := orgs.UpdateOne(t.Context(), bson.D{bson.E{Key: "id", Value: "org-1"}}, bson.D{bson.E{Key: "$set", Value: bson.D{bson.E{Key: "auditStatus", Value: before}}}}); err != nil {
				t.Fatal(err)
			}
		}
		now := profileTestTime.Add(time.Duration(i) * time.Second)
		org, err := blocks.MarkWaitingForReview(t.Context(), orgs, "org-1", now).Get()
		if err != nil {
			t.Fatalf("from %q: %v", before, err)
		}
		if org.AuditStatus == nil || *org.AuditStatus != blocks.AuditWaitingForReview || org.UpdatedAt != blocks.Timestamp(now) {
			t.Errorf("from %q: auditStatus %v, updatedAt %s", before, org.AuditStatus, org.UpdatedAt)
		}
	}
	if _, err := blocks.MarkWaitingForReview(t.Context(), orgs, "missing", profileTestTime).Get(); !errors.Is(err, blocks.ErrOrganizationNotFound) {
		t.Errorf("missing organization: err = %v", err)
	}
}

func TestValidateOrganizationName(t *testing.T) {
	t.Parallel()
	orgs := blockyardtest.Database(t).Collection("organizations")
	owner := func(id string) blocks.Member { return blocks.Member{IdentityID: id, Role: "owner"} }
	admin := func(id string) blocks.Member { return blocks.Member{IdentityID: id, Role: "admin"} }
	org := insertTestOrganization(t, orgs, "org-1", "Mine", owner("ann"), admin("bob"))
	insertTestOrganization(t, orgs, "org-2", "Taken", owner("ann"))
	insertTestOrganization(t, orgs, "org-3", "Bob's", owner("zed"), admin("ann"), owner("bob"))
	insertTestOrganization(t, orgs, "org-4", "Other owner", owner("zed"))

	cases := []struct {
		name string
		ok   bool
		why  string
	}{
		{"", true, "no name proposed"},
		{"Mine", true, "the current name"},
		{"Taken", false, "another organization of the same owner"},
		{"taken", true, "names are case-sensitive"},
		{"Bob's", true, "ann is only an admin there, bob is not an owner here"},
		{"Other owner", true, "owned by someone else"},
		{"Fresh", true, "unused"},
	}
	for _, c := range cases {
		err := blocks.ValidateOrganizationName(t.Context(), orgs, org, c.name, "owner").Error()
		if c.ok && err != nil {
			t.Errorf("%q (%s): %v", c.name, c.why, err)
		}
		if !c.ok {
			e := primitives.AsError(err)
			if err == nil || !e.Kind.Is(blocks.KindOrganizationBadRequest) || e.Message != "Organization with name "+c.name+" already exists with same owner" {
				t.Errorf("%q (%s): err = %v", c.name, c.why, err)
			}
		}
	}

	// The organization itself never counts, even under its own old name.
	self := insertTestOrganization(t, orgs, "org-5", "Twin", owner("cy"))
	renamed := *self
	renamed.Name = "Renamed"
	if err := blocks.ValidateOrganizationName(t.Context(), orgs, &renamed, "Twin", "owner").Error(); err != nil {
		t.Errorf("own stored name: %v", err)
	}
}

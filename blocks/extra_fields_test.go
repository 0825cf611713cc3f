package blocks_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// Fields a Node service stored on member entries survive Blockyard's
// members writes for the entries a request does not touch; an upserted
// entry replaces the stored one, as the reference's unionWith does.
func TestMemberExtraFieldsSurviveMembersWrites(t *testing.T) {
	t.Parallel()
	orgs := orgsOf(t)
	_, err := orgs.InsertOne(t.Context(), bson.D{
		{Key: "id", Value: "o"}, {Key: "name", Value: "O"}, {Key: "description", Value: ""}, {Key: "contact_email", Value: "e@x.com"},
		{Key: "ancestors", Value: bson.A{}}, {Key: "parentId", Value: nil},
		{Key: "members", Value: bson.A{
			bson.D{{Key: "identityId", Value: "ann"}, {Key: "role", Value: "owner"}, {Key: "addedBy", Value: "node"}},
			bson.D{{Key: "identityId", Value: "bob"}, {Key: "role", Value: "member"}, {Key: "addedBy", Value: "node"}},
		}},
		{Key: "createdAt", Value: "2026-01-01T00:00:00.000Z"}, {Key: "updatedAt", Value: "2026-01-01T00:00:00.000Z"},
	})
	if err != nil {
		t.Fatal(err)
	}
	org, err := blocks.UpsertOrganizationMembers(t.Context(), orgs, "o", []blocks.Member{{IdentityID: "bob", Role: "admin"}, {IdentityID: "cyd", Role: "member"}}, orgRoles, time.Now).Get()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(org.Members)
	want := `[{"identityId":"bob","role":"admin"},{"identityId":"cyd","role":"member"},{"identityId":"ann","role":"owner","addedBy":"node"}]`
	if string(b) != want {
		t.Fatalf("members = %s\nwant      %s", b, want)
	}
	stored, err := blocks.GetOrganizationByID(t.Context(), orgs, "o").Get()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(stored.Members); string(b) != want {
		t.Fatalf("stored members = %s\nwant             %s", b, want)
	}
}

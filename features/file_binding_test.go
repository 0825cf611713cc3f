package features_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// fileCase is one write of a file reference: who sends which object id,
// and the status it must get.
type fileCase struct {
	name   string
	caller *blockyardtest.Client
	id     string
	want   int
}

// forged is id with its last hex digit changed: a uuid that looks issued
// for the same target but is not.
func forged(id string) string {
	last := byte('0')
	if id[len(id)-1] == '0' {
		last = '1'
	}
	return id[:len(id)-1] + string(last)
}

// fileBindingFixture is the periphery fixture with a second owner of the
// organization Org, a second system admin, and Other, another organization
// of the same Owner.
type fileBindingFixture struct {
	*peripheryFixture
	Org, Other string
	Owner2     *blockyardtest.Client
	Admin2     *blockyardtest.Client
}

func newFileBindingFixture(t *testing.T) *fileBindingFixture {
	t.Helper()
	f := &fileBindingFixture{peripheryFixture: newPeripheryFixture(t)}
	f.Org, f.Other = f.newOrg(t, ""), f.newOrg(t, "")
	var owner2 string
	owner2, f.Owner2 = f.actor(t, nodeblocks.Settings.Of(f.Service).IdentityTypes.Regular)
	_, f.Admin2 = f.actor(t, nodeblocks.Settings.Of(f.Service).IdentityTypes.Admin)
	f.Admin.Patch("/organizations/"+f.Org+"/members", []map[string]any{{"identityId": owner2, "role": "owner"}}).ExpectStatus(t, http.StatusNoContent)
	return f
}

// storeNodeFile writes a file reference into field of org directly, as a
// Node service sharing the database would, and returns its (unbound) id.
func (f *fileBindingFixture) storeNodeFile(t *testing.T, org, field string) string {
	t.Helper()
	id := uuid.NewString()
	if _, err := f.Orgs.UpdateOne(t.Context(), bson.D{{Key: "id", Value: org}},
		bson.D{{Key: "$set", Value: bson.D{{Key: field, Value: bson.D{{Key: "objectId", Value: id}, {Key: "type", Value: "image/png"}}}}}}); err != nil {
		t.Fatal(err)
	}
	return id
}

// run sends each case through send and checks its status and, for a
// refusal, the message; it returns the number of accepted writes.
func runFileCases(t *testing.T, cases []fileCase, msg string, send func(c *blockyardtest.Client, file map[string]any) *blockyardtest.Response) int {
	t.Helper()
	accepted := 0
	for _, c := range cases {
		res := send(c.caller, map[string]any{"objectId": c.id, "type": "image/png"})
		if c.want == http.StatusForbidden {
			if res.Status != http.StatusForbidden {
				t.Errorf("%s: %s, want 403", c.name, res)
				continue
			}
			res.ExpectError(t, http.StatusForbidden, msg)
			continue
		}
		if res.Status != c.want {
			t.Errorf("%s: %s, want %d: %s", c.name, res, c.want, res.Body)
			continue
		}
		accepted++
	}
	return accepted
}

// TestChangeRequestCertificateMustBeIssuedForTheOrganization: a change
// request accepts a certificate id issued by the organization's
// certificate upload URL (to whichever of its owners or system admins
// asked), or the organization's current certificate re-sent, and refuses
// every other id; system admins may attach any.
func TestChangeRequestCertificateMustBeIssuedForTheOrganization(t *testing.T) {
	t.Parallel()
	f := newFileBindingFixture(t)
	own := uploadID(t, f.Owner, f.Org, "certificate", "image/png")
	stored := f.storeNodeFile(t, f.Org, "certificateImage")
	logo := f.storeNodeFile(t, f.Org, "logo")
	cases := []fileCase{
		{"own upload", f.Owner, own, http.StatusNoContent},
		{"same id again", f.Owner, own, http.StatusNoContent},
		{"issued to another owner of the organization", f.Owner2, own, http.StatusNoContent},
		{"issued to a system admin for the organization", f.Owner, uploadID(t, f.Admin, f.Org, "certificate", "image/png"), http.StatusNoContent},
		{"the stored certificate, unchanged (a Node id)", f.Owner2, stored, http.StatusNoContent},
		{"system admin, any id", f.Admin, uuid.NewString(), http.StatusNoContent},
		{"issued for another organization of the same owner", f.Owner, uploadID(t, f.Owner, f.Other, "certificate", "image/png"), http.StatusForbidden},
		{"issued for the organization's logo", f.Owner, uploadID(t, f.Owner, f.Org, "logo", "image/png"), http.StatusForbidden},
		{"the stored logo", f.Owner, logo, http.StatusForbidden},
		{"an avatar of the caller", f.Owner, f.avatarID(f.OwnerID), http.StatusForbidden},
		{"random uuid", f.Owner, uuid.NewString(), http.StatusForbidden},
		{"forged", f.Owner, forged(own), http.StatusForbidden},
	}
	path := "/organizations/" + f.Org + "/change-requests"
	accepted := runFileCases(t, cases, "certificateImage.objectId was not issued for this organization", func(c *blockyardtest.Client, file map[string]any) *blockyardtest.Response {
		return c.Post(path, map[string]any{"certificateImage": file})
	})
	if n, err := f.DB.Collection("organizationChangeRequests").CountDocuments(t.Context(), bson.D{}); err != nil || int(n) != accepted {
		t.Errorf("%d change requests stored (%v), want %d", n, err, accepted)
	}
}

// TestProfileAvatarMustBeIssuedForTheIdentity: a profile created by its
// identity accepts an avatar id bound to that identity only; a system
// admin may attach any.
func TestProfileAvatarMustBeIssuedForTheIdentity(t *testing.T) {
	t.Parallel()
	f := newFileBindingFixture(t)
	own := f.avatarID(f.OwnerID)
	cases := []fileCase{
		{"own avatar", f.Owner, own, http.StatusOK},
		{"own avatar, on a second profile", f.Owner, own, http.StatusOK},
		{"system admin, the identity's avatar", f.Admin, f.avatarID(f.OwnerID), http.StatusOK},
		{"system admin, any id", f.Admin, uuid.NewString(), http.StatusOK},
		{"another identity's avatar", f.Owner, f.avatarID(f.OutsiderID), http.StatusForbidden},
		{"an organization's certificate", f.Owner, uploadID(t, f.Owner, f.Org, "certificate", "image/png"), http.StatusForbidden},
		{"random uuid", f.Owner, uuid.NewString(), http.StatusForbidden},
		{"forged", f.Owner, forged(own), http.StatusForbidden},
	}
	accepted := runFileCases(t, cases, "avatar.objectId was not issued for this identity", func(c *blockyardtest.Client, file map[string]any) *blockyardtest.Response {
		return c.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": "n", "avatar": file})
	})
	if n, err := f.DB.Collection("profiles").CountDocuments(t.Context(), bson.D{}); err != nil || int(n) != accepted {
		t.Errorf("%d profiles stored (%v), want %d", n, err, accepted)
	}
}

// TestAdminFilesAreNotBound: the system admins' routes (admin update,
// create) accept ids issued to another admin or to an owner, unchanged
// ones, and, by design, any other: system admins can download every file.
func TestAdminFilesAreNotBound(t *testing.T) {
	t.Parallel()
	f := newFileBindingFixture(t)
	logo := uploadID(t, f.Admin, f.Org, "logo", "image/png")
	for _, c := range []fileCase{
		{"own upload", f.Admin, logo, http.StatusOK},
		{"unchanged", f.Admin2, logo, http.StatusOK},
		{"issued to another system admin", f.Admin2, uploadID(t, f.Admin, f.Org, "logo", "image/png"), http.StatusOK},
		{"issued for another organization", f.Admin2, uploadID(t, f.Owner, f.Other, "logo", "image/png"), http.StatusOK},
		{"random uuid", f.Admin, uuid.NewString(), http.StatusOK},
	} {
		f.Admin.Patch("/admin/organizations/"+f.Org, map[string]any{
			"logo":             map[string]any{"objectId": c.id, "type": "image/png"},
			"certificateImage": map[string]any{"objectId": uploadID(t, f.Owner, f.Org, "certificate", "image/png"), "type": "image/png"},
		}).ExpectStatus(t, c.want)
		if st := f.stored(t, f.Org); st.Logo.File == nil || st.Logo.File.ObjectID != c.id {
			t.Errorf("%s: stored logo %+v", c.name, st.Logo)
		}
	}
	f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{"name": "New", "description": "d", "contact_email": "c@example.com",
			"logo": map[string]any{"objectId": logo, "type": "image/png"}},
		"ownerId": f.OwnerID,
	}).ExpectStatus(t, http.StatusOK)
}

// TestOrganizationUpdateFilesOfOwners: an owner reaching the update route
// with a body that carries files (the mounted schema forbids them, a
// host's wider schema may not) is held to the same rule as change
// requests: the stored file or one issued for the organization.
func TestOrganizationUpdateFilesOfOwners(t *testing.T) {
	t.Parallel()
	f := newFileBindingFixture(t)
	stored := f.storeNodeFile(t, f.Org, "logo")
	// The mounted feature refuses files outright.
	expectValidation(t, f.Owner.Patch("/organizations/"+f.Org, map[string]any{"logo": map[string]any{"objectId": stored, "type": "image/png"}}),
		"request body must NOT have additional properties")

	// A host mounts the route with its own schema and authenticator.
	file := schema.Object(schema.Prop("objectId", schema.String().Format("uuid")), schema.Prop("type", schema.String())).Required("objectId", "type")
	wide := routes.UpdateOrganization // a copy, whose schema the host replaces
	wide.Schema = &schema.Request{
		Params: []schema.Param{{Name: "organizationId", In: schema.Path, Schema: schema.String()}},
		Body:   schema.Object(schema.Prop("logo", schema.OneOf(file, schema.Null())), schema.Prop("certificateImage", file)),
	}
	host := &primitives.Service{DB: f.DB, Settings: []any{orgTestConfig}, Files: f.Storage, Logger: slog.New(slog.DiscardHandler),
		Auth: primitives.AuthenticatorFunc(func(r *primitives.Request) (*primitives.Principal, error) {
			return &primitives.Principal{IdentityID: r.HTTP.Header.Get("X-User"), AccessType: "user"}, nil
		})}
	h, err := host.Mount(t.Context(), wide)
	if err != nil {
		t.Fatal(err)
	}
	owner := blockyardtest.NewClient(t, h).With(blockyardtest.WithHeader("X-User", f.OwnerID))
	cases := []fileCase{
		{"the stored logo, unchanged (a Node id)", owner, stored, http.StatusOK},
		{"issued for the organization's logo", owner, uploadID(t, f.Owner2, f.Org, "logo", "image/png"), http.StatusOK},
		{"issued for another organization", owner, uploadID(t, f.Owner, f.Other, "logo", "image/png"), http.StatusForbidden},
		{"random uuid", owner, uuid.NewString(), http.StatusForbidden},
	}
	runFileCases(t, cases, "logo.objectId was not issued for this organization", func(c *blockyardtest.Client, file map[string]any) *blockyardtest.Response {
		return c.Patch("/organizations/"+f.Org, map[string]any{"logo": file})
	})
	owner.Patch("/organizations/"+f.Org, map[string]any{"certificateImage": map[string]any{"objectId": uuid.NewString(), "type": "image/png"}}).
		ExpectError(t, http.StatusForbidden, "certificateImage.objectId was not issued for this organization")
	owner.Patch("/organizations/"+f.Org, map[string]any{"logo": nil}).ExpectStatus(t, http.StatusOK)
}

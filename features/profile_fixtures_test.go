package features_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// peripheryFixture is the organization fixture with the profile features
// and the organization upload-URL, change-request and followers features
// mounted too.
type peripheryFixture struct {
	*orgFixture
}

// newPeripheryFixture mounts the organization features (which include the
// upload-URL, change-request and followers features) plus the profile
// features.
func newPeripheryFixture(t *testing.T) *peripheryFixture {
	t.Helper()
	// features.Organizations() (mounted by newOrgFixture) already has the
	// upload-URL, change-request and followers features.
	return &peripheryFixture{newOrgFixture(t, features.Profiles())}
}

// newProfile creates a profile for identityID through the API, as c, and
// returns its id.
func (f *peripheryFixture) newProfile(t *testing.T, c *blockyardtest.Client, identityID string) string {
	t.Helper()
	var p struct{ ID string }
	c.Post("/profiles", map[string]any{"identityId": identityID, "name": "Profile of " + identityID}).ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if p.ID == "" {
		t.Fatal("created profile has no id")
	}
	return p.ID
}

// storedDoc returns a stored document of collection as plain maps, to
// check exactly what was written.
func (f *peripheryFixture) storedDoc(t *testing.T, collection string, filter bson.D) map[string]any {
	t.Helper()
	raw, err := f.DB.Collection(collection).FindOne(t.Context(), filter).Raw()
	if err != nil {
		t.Fatalf("stored %s %v: %v", collection, filter, err)
	}
	ext, err := bson.MarshalExtJSON(raw, false, false)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(ext, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// storedFollows returns the organization ids the stored profile follows.
func (f *peripheryFixture) storedFollows(t *testing.T, profileID string) []string {
	t.Helper()
	ids := []string{}
	for _, fo := range f.storedDoc(t, "profiles", bson.D{{Key: "id", Value: profileID}})["organizationFollows"].([]any) {
		ids = append(ids, fo.(map[string]any)["followOrganizationId"].(string))
	}
	return ids
}

// uploadFailingStorage is the fixture's storage with signing of upload
// URLs broken, for the 500 answers of the upload-URL routes.
type uploadFailingStorage struct{ *switchableStorage }

func (uploadFailingStorage) SignedUploadURL(context.Context, string, string, int64) (string, error) {
	return "", errStorageDown
}

// breakUploads makes every later upload-URL signing fail.
func (f *peripheryFixture) breakUploads() {
	f.Service.Files = uploadFailingStorage{f.Storage}
}

// expectValidation checks that res is a 400 "Validation Error" whose data
// lists want.
func expectValidation(t *testing.T, res *blockyardtest.Response, want string) {
	t.Helper()
	res.ExpectError(t, http.StatusBadRequest, "Validation Error")
	var env struct {
		Error struct{ Data []string }
	}
	res.JSON(t, &env)
	if !slices.Contains(env.Error.Data, want) {
		t.Errorf("%s: messages %q, want %q", res, env.Error.Data, want)
	}
}

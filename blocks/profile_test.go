package blocks_test

import (
	"errors"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// profileTestTime is the fixed clock of the profile block tests.
var profileTestTime = time.Date(2026, 11, 22, 1, 2, 3, 456_000_000, time.UTC)

// fixedID returns an id generator that always returns id.
func fixedID(id string) func() string { return func() string { return id } }

// rawProfile reads the stored profile as a plain document, to check
// exactly what was written.
func rawProfile(t *testing.T, profiles *mongo.Collection, id string) bson.M {
	t.Helper()
	var d bson.D
	if err := profiles.FindOne(t.Context(), bson.D{bson.E{Key: "id", Value: id}}).Decode(&d); err != nil {
		t.Fatalf("read profile %s: %v", id, err)
	}
	return plain(d).(bson.M)
}

// plain turns decoded documents into bson.M recursively, so that tests can
// index nested values.
func plain(v any) any {
	switch x := v.(type) {
	case bson.D:
		m := bson.M{}
		for _, e := range x {
			m[e.Key] = plain(e.Value)
		}
		return m
	case bson.A:
		a := make(bson.A, len(x))
		for i, e := range x {
			a[i] = plain(e)
		}
		return a
	}
	return v
}

// createTestProfile stores a profile with the given id for identityID.
func createTestProfile(t *testing.T, profiles *mongo.Collection, id, identityID string) *blocks.Profile {
	t.Helper()
	p, err := blocks.CreateProfile(t.Context(), profiles, blocks.NewProfile{IdentityID: identityID, Name: "name of " + id}, profileTestTime, fixedID(id)).Get()
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	return p
}

func TestCreateProfileStoresTheReferenceLayout(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")

	avatar := &blocks.File{ObjectID: "0b6b1d9e-4a5c-4f8e-9a77-3c1f2a4d5e6f", Type: "image/png"}
	cases := []struct {
		name   string
		avatar blocks.OptionalFile
		want   any // stored avatar; nil with present=false means absent
		has    bool
	}{
		{name: "absent", avatar: blocks.OptionalFile{}, has: false},
		{name: "null", avatar: blocks.SomeFile(nil), want: nil, has: true},
		{name: "file", avatar: blocks.SomeFile(avatar), want: bson.M{"objectId": avatar.ObjectID, "type": "image/png"}, has: true},
	}
	for _, c := range cases {
		id := "p-" + c.name
		p, err := blocks.CreateProfile(t.Context(), profiles, blocks.NewProfile{IdentityID: "idn-1", Name: "Ada", Avatar: c.avatar}, profileTestTime, fixedID(id)).Get()
		if err != nil {
			t.Fatalf("%s: CreateProfile: %v", c.name, err)
		}
		if p.ID != id || p.MongoID != nil {
			t.Errorf("%s: returned id %q, _id %v", c.name, p.ID, p.MongoID)
		}
		m := rawProfile(t, profiles, id)
		for _, k := range []string{"organizationFollows", "productLikes", "profileFollows"} {
			if a, ok := m[k].(bson.A); !ok || len(a) != 0 {
				t.Errorf("%s: %s = %#v, want []", c.name, k, m[k])
			}
		}
		if m["identityId"] != "idn-1" || m["name"] != "Ada" || m["createdAt"] != "2026-11-22T01:02:03.456Z" || m["updatedAt"] != "2026-11-22T01:02:03.456Z" {
			t.Errorf("%s: stored %v", c.name, m)
		}
		got, has := m["avatar"]
		if has != c.has {
			t.Fatalf("%s: avatar present = %v, want %v (%v)", c.name, has, c.has, m)
		}
		if c.want == nil && got != nil {
			t.Errorf("%s: avatar = %#v, want null", c.name, got)
		}
		if w, ok := c.want.(bson.M); ok {
			g, _ := got.(bson.M)
			if g["objectId"] != w["objectId"] || g["type"] != w["type"] {
				t.Errorf("%s: avatar = %#v, want %#v", c.name, got, w)
			}
		}
	}
}

func TestGetProfileByID(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	createTestProfile(t, profiles, "p-1", "idn-1")

	p, err := blocks.GetProfileByID(t.Context(), profiles, "p-1").Get()
	if err != nil || p.IdentityID != "idn-1" || p.Name != "name of p-1" || p.OrganizationFollows == nil {
		t.Fatalf("GetProfileByID = %+v, %v", p, err)
	}
	if _, err := blocks.GetProfileByID(t.Context(), profiles, "missing").Get(); !errors.Is(err, blocks.ErrProfileNotFound) {
		t.Errorf("missing profile: err = %v, want %v", err, blocks.ErrProfileNotFound)
	}
}

func TestNormalizeAvatarOfOwner(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	withAvatar := &blocks.Profile{ID: "p", Avatar: blocks.SomeFile(&blocks.File{ObjectID: "obj", Type: "image/jpeg"})}

	got, err := blocks.NormalizeAvatarOfOwner(ctx, signStub{}, withAvatar).Get()
	if err != nil {
		t.Fatal(err)
	}
	if f := got.Avatar.File; f == nil || f.ObjectID != "" || f.Type != "image/jpeg" || f.URL != "https://stub/get/obj.jpg" {
		t.Errorf("avatar = %+v", got.Avatar.File)
	}
	if withAvatar.Avatar.File.ObjectID != "obj" {
		t.Error("the input profile was modified")
	}

	null := &blocks.Profile{ID: "p", Avatar: blocks.SomeFile(nil)}
	if got, err := blocks.NormalizeAvatarOfOwner(ctx, signStub{failOn: "*"}, null).Get(); err != nil || !got.Avatar.Null {
		t.Errorf("null avatar: %+v, %v", got, err)
	}
	if _, err := blocks.NormalizeAvatarOfOwner(ctx, signStub{failOn: "*"}, withAvatar).Get(); !errors.Is(err, blocks.ErrNormalizeAvatar) {
		t.Errorf("failing storage: err = %v", err)
	}
	if _, err := blocks.NormalizeAvatarOfOwner(ctx, nil, withAvatar).Get(); !errors.Is(err, blocks.ErrNormalizeAvatar) {
		t.Errorf("no storage: err = %v", err)
	}
}

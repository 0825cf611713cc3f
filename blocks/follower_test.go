package blocks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestFindFollowersPagesTheFollowingProfiles(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	for i := range 5 {
		id := fmt.Sprintf("p-%d", i)
		createTestProfile(t, profiles, id, "idn")
		org := "org-1"
		if i == 2 {
			org = "org-2" // p-2 follows another organization only
		}
		if err := blocks.FollowOrganization(t.Context(), profiles, id, org, profileTestTime).Error(); err != nil {
			t.Fatal(err)
		}
	}

	page, err := blocks.FindFollowers(t.Context(), profiles, "org-1", primitives.Page{Page: 2, Limit: 3}).Get()
	if err != nil {
		t.Fatalf("FindFollowers: %v", err)
	}
	if len(page.Data) != 1 || page.Data[0].ID != "p-4" {
		t.Errorf("page 2 = %+v, want [p-4]", page.Data)
	}
	want := primitives.Pagination{HasNext: false, HasPrev: true, Limit: 3, Page: 2, Total: 4, TotalPages: 2}
	if page.Metadata.Pagination != want {
		t.Errorf("pagination = %+v, want %+v", page.Metadata.Pagination, want)
	}

	none, err := blocks.FindFollowers(t.Context(), profiles, "org-9", primitives.DefaultPage()).Get()
	if err != nil || len(none.Data) != 0 || none.Metadata.Pagination.Total != 0 {
		t.Errorf("no followers: %+v, %v", none, err)
	}
}

func TestNormalizeFollowers(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	followers := []*blocks.Profile{
		{ID: "p-1", Name: "Ada", IdentityID: "secret", Avatar: blocks.SomeFile(&blocks.File{ObjectID: "obj", Type: "image/png"})},
		{ID: "p-2", Name: "Bob", Avatar: blocks.SomeFile(nil)},
		{ID: "p-3", Name: "Cy"},
	}
	got, err := blocks.NormalizeFollowers(ctx, signStub{}, followers).Get()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	want := `[{"avatar":{"type":"image/png","url":"https://stub/get/obj.png"},"id":"p-1","name":"Ada"},{"id":"p-2","name":"Bob"},{"id":"p-3","name":"Cy"}]`
	if string(b) != want {
		t.Errorf("followers = %s\nwant        %s", b, want)
	}

	if _, err := blocks.NormalizeFollowers(ctx, signStub{failOn: "obj"}, followers).Get(); !errors.Is(err, blocks.ErrNormalizeFile) {
		t.Errorf("failing storage: err = %v", err)
	}
}

package blocks_test

import (
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// followedIDs returns the stored followOrganizationIds of the profile.
func followedIDs(t *testing.T, profiles *mongo.Collection, id string) []string {
	t.Helper()
	m := rawProfile(t, profiles, id)
	ids := []string{}
	for _, f := range m["organizationFollows"].(bson.A) {
		ids = append(ids, f.(bson.M)["followOrganizationId"].(string))
	}
	return ids
}

func TestFollowOrganizationStoresTheFollowOnce(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	createTestProfile(t, profiles, "p-1", "idn-1")
	later := profileTestTime.Add(time.Minute)

	f, err := blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-1", later).Get()
	if err != nil {
		t.Fatalf("FollowOrganization: %v", err)
	}
	if f.FollowOrganizationID != "org-1" || f.CreatedAt != "2026-11-22T01:03:03.456Z" {
		t.Errorf("follow = %+v", f)
	}
	m := rawProfile(t, profiles, "p-1")
	stored := m["organizationFollows"].(bson.A)
	if len(stored) != 1 {
		t.Fatalf("organizationFollows = %v", stored)
	}
	want := bson.M{"followOrganizationId": "org-1", "createdAt": "2026-11-22T01:03:03.456Z", "updatedAt": "2026-11-22T01:03:03.456Z"}
	if got := stored[0].(bson.M); !maps.Equal(got, want) {
		t.Errorf("stored follow = %v, want %v", got, want)
	}
	if m["updatedAt"] != "2026-11-22T01:03:03.456Z" {
		t.Errorf("profile updatedAt = %v", m["updatedAt"])
	}

	if _, err := blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-1", later).Get(); !errors.Is(err, blocks.ErrOrganizationAlreadyFollowed) {
		t.Errorf("second follow: err = %v, want %v", err, blocks.ErrOrganizationAlreadyFollowed)
	}
	if _, err := blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-2", later).Get(); err != nil {
		t.Errorf("follow of another organization: %v", err)
	}
	if got := followedIDs(t, profiles, "p-1"); fmt.Sprint(got) != "[org-1 org-2]" {
		t.Errorf("follows = %v", got)
	}
}

func TestFollowOrganizationConcurrentlyStoresOneFollow(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	createTestProfile(t, profiles, "p-1", "idn-1")

	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-1", profileTestTime).Error()
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, blocks.ErrOrganizationAlreadyFollowed):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d follows succeeded, want 1", ok)
	}
	if got := followedIDs(t, profiles, "p-1"); len(got) != 1 {
		t.Errorf("follows = %v, want one", got)
	}
}

func TestFollowOrganizationOfMissingProfile(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	if _, err := blocks.FollowOrganization(t.Context(), profiles, "missing", "org-1", profileTestTime).Get(); !errors.Is(err, blocks.ErrOrganizationAlreadyFollowed) {
		t.Errorf("err = %v, want the reference's %v", err, blocks.ErrOrganizationAlreadyFollowed)
	}
}

func TestUnfollowOrganization(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	createTestProfile(t, profiles, "p-1", "idn-1")
	for _, org := range []string{"org-1", "org-2", "org-3"} {
		if err := blocks.FollowOrganization(t.Context(), profiles, "p-1", org, profileTestTime).Error(); err != nil {
			t.Fatal(err)
		}
	}

	// The clock has not moved since the follows: updatedAt must still move.
	p, err := blocks.UnfollowOrganization(t.Context(), profiles, "p-1", "org-2", profileTestTime).Get()
	if err != nil {
		t.Fatalf("UnfollowOrganization: %v", err)
	}
	if got := followedIDs(t, profiles, "p-1"); fmt.Sprint(got) != "[org-1 org-3]" {
		t.Errorf("follows = %v", got)
	}
	m := rawProfile(t, profiles, "p-1")
	if m["updatedAt"] != "2026-11-22T01:02:03.457Z" || p.UpdatedAt != m["updatedAt"] {
		t.Errorf("updatedAt stored %v, returned %v; want one millisecond later", m["updatedAt"], p.UpdatedAt)
	}
	if first := m["organizationFollows"].(bson.A)[0].(bson.M); first["createdAt"] != "2026-11-22T01:02:03.456Z" {
		t.Errorf("remaining follow changed: %v", first)
	}

	if _, err := blocks.UnfollowOrganization(t.Context(), profiles, "p-1", "org-2", profileTestTime).Get(); !errors.Is(err, blocks.ErrOrganizationFollowNotFound) {
		t.Errorf("second unfollow: err = %v", err)
	}
	if _, err := blocks.UnfollowOrganization(t.Context(), profiles, "missing", "org-1", profileTestTime).Get(); !errors.Is(err, blocks.ErrOrganizationFollowNotFound) {
		t.Errorf("missing profile: err = %v", err)
	}
}

func TestUnfollowOrganizationConcurrentlyLosesNoWrite(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	createTestProfile(t, profiles, "p-1", "idn-1")
	orgs := []string{"org-1", "org-2", "org-3", "org-4"}
	for _, org := range orgs {
		if err := blocks.FollowOrganization(t.Context(), profiles, "p-1", org, profileTestTime).Error(); err != nil {
			t.Fatal(err)
		}
	}

	// Unfollows of different organizations race each other and a follow:
	// each must take effect, none may undo another. (Within one process
	// the profile lock serializes them; across processes on MongoDB the
	// guarded writes do.)
	var wg sync.WaitGroup
	errs := make([]error, len(orgs)+1)
	for i, org := range orgs[:3] {
		wg.Go(func() {
			errs[i] = blocks.UnfollowOrganization(t.Context(), profiles, "p-1", org, profileTestTime).Error()
		})
	}
	wg.Go(func() {
		errs[len(orgs)] = blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-5", profileTestTime).Error()
	})
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Errorf("unexpected error: %v", err)
		}
	}
	if got := followedIDs(t, profiles, "p-1"); fmt.Sprint(got) != "[org-4 org-5]" {
		t.Errorf("follows = %v, want [org-4 org-5]", got)
	}
}

// TestFollowOrganizationNeverMovesUpdatedAtBack: an unfollow may move
// updatedAt past the clock (one millisecond after the value it read); a
// follow right after it, with the same or an earlier clock, must leave
// updatedAt there, or a guarded write could see an older value again.
func TestFollowOrganizationNeverMovesUpdatedAtBack(t *testing.T) {
	t.Parallel()
	profiles := blockyardtest.Database(t).Collection("profiles")
	createTestProfile(t, profiles, "p-1", "idn-1")
	if err := blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-1", profileTestTime).Error(); err != nil {
		t.Fatal(err)
	}
	p, err := blocks.UnfollowOrganization(t.Context(), profiles, "p-1", "org-1", profileTestTime).Get()
	if err != nil {
		t.Fatal(err)
	}
	if p.UpdatedAt != "2026-11-22T01:02:03.457Z" {
		t.Fatalf("unfollow updatedAt %s", p.UpdatedAt)
	}
	for i, now := range []time.Time{profileTestTime, profileTestTime.Add(-time.Hour)} {
		org := fmt.Sprintf("org-%d", i+2)
		if err := blocks.FollowOrganization(t.Context(), profiles, "p-1", org, now).Error(); err != nil {
			t.Fatal(err)
		}
		if m := rawProfile(t, profiles, "p-1"); m["updatedAt"] != p.UpdatedAt {
			t.Errorf("follow of %s at %s: updatedAt %v, want %s kept", org, blocks.Timestamp(now), m["updatedAt"], p.UpdatedAt)
		}
	}
	// A later clock still moves it forward.
	later := profileTestTime.Add(time.Minute)
	if err := blocks.FollowOrganization(t.Context(), profiles, "p-1", "org-4", later).Error(); err != nil {
		t.Fatal(err)
	}
	if m := rawProfile(t, profiles, "p-1"); m["updatedAt"] != blocks.Timestamp(later) {
		t.Errorf("follow at %s: updatedAt %v", blocks.Timestamp(later), m["updatedAt"])
	}
	if got := followedIDs(t, profiles, "p-1"); fmt.Sprint(got) != "[org-2 org-3 org-4]" {
		t.Errorf("follows = %v", got)
	}
}

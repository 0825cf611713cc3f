package blocks_test

import (
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestPeripheryIndexesAreIdempotentAndUnique: the profile and change
// request indexes can be created at every mount, and make ids unique.
func TestPeripheryIndexesAreIdempotentAndUnique(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	profiles, crs := db.Collection("profiles"), db.Collection("organizationChangeRequests")
	for range 2 {
		if err := blocks.EnsureProfileIndexes(t.Context(), profiles); err != nil {
			t.Fatal(err)
		}
		if err := blocks.EnsureChangeRequestIndexes(t.Context(), crs); err != nil {
			t.Fatal(err)
		}
	}
	createTestProfile(t, profiles, "p-1", "idn-1")
	if _, err := profiles.InsertOne(t.Context(), bson.D{bson.E{Key: "id", Value: "p-1"}}); !blocks.IsDuplicateKey(err) {
		t.Errorf("duplicate profile id: err = %v", err)
	}
	for range 2 {
		_, err := crs.InsertOne(t.Context(), bson.D{bson.E{Key: "id", Value: "cr-1"}, bson.E{Key: "organizationId", Value: "o"}})
		if err != nil && !blocks.IsDuplicateKey(err) {
			t.Fatal(err)
		}
	}
	if n, _ := crs.CountDocuments(t.Context(), bson.D{}); n != 1 {
		t.Errorf("%d change requests with one id", n)
	}
}

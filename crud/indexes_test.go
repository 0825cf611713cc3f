package crud_test

import (
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestIndexesAtMount: mounting creates the resource's indexes, and
// mounting again (another process, a restart) succeeds.
func TestIndexesAtMount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if _, err := f.Service.Mount(t.Context(), widgets().Feature()); err != nil {
		t.Fatalf("second mount: %v", err)
	}
	cur, err := f.DB.Collection("widgets").Indexes().List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	unique := map[string]bool{}
	for cur.Next(t.Context()) {
		var ix struct {
			Name   string
			Key    bson.D
			Unique bool
		}
		if err := cur.Decode(&ix); err != nil {
			t.Fatal(err)
		}
		got = append(got, ix.Name)
		unique[ix.Name] = ix.Unique
	}
	for _, want := range []string{"id_1", "importHash_1", "organizationId_1_deletedAt_1", "name_1_id_1", "count_1_id_1", "price_1_id_1", "createdAt_1_id_1"} {
		if !slices.Contains(got, want) {
			t.Errorf("index %s missing: %v", want, got)
		}
	}
	if !unique["id_1"] || !unique["importHash_1"] {
		t.Errorf("id and importHash must be unique: %v", unique)
	}
	// The relation's foreign key on the child's collection.
	cur, err = f.DB.Collection("campuses").Indexes().List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for cur.Next(t.Context()) {
		found = found || cur.Current.Lookup("name").StringValue() == "organizationId_1_deletedAt_1"
	}
	if !found {
		t.Error("campuses: no organizationId_1_deletedAt_1 index")
	}
}

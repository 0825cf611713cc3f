package blockyardtest_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

var validName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,63}$`)

func checkName(t *testing.T, db *mongo.Database) {
	t.Helper()
	if !validName.MatchString(db.Name()) || !strings.HasPrefix(db.Name(), blockyardtest.DatabasePrefix) {
		t.Errorf("database name %q: want %s prefix and to match %s", db.Name(), blockyardtest.DatabasePrefix, validName)
	}
}

func insertAndCount(t *testing.T, db *mongo.Database, n int) int64 {
	t.Helper()
	ctx := context.Background()
	items := db.Collection("items")
	for i := range n {
		if _, err := items.InsertOne(ctx, bson.D{bson.E{Key: "_id", Value: i}, bson.E{Key: "db", Value: db.Name()}}); err != nil {
			t.Fatalf("insert into %s: %v", db.Name(), err)
		}
	}
	count, err := items.CountDocuments(ctx, bson.D{})
	if err != nil {
		t.Fatalf("count in %s: %v", db.Name(), err)
	}
	return count
}

func databaseNames(t *testing.T, db *mongo.Database) []string {
	t.Helper()
	names, err := db.Client().ListDatabaseNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatalf("list databases: %v", err)
	}
	return names
}

func TestDatabaseIsFreshAndIsolated(t *testing.T) {
	ctx := context.Background()
	a, b := blockyardtest.Database(t), blockyardtest.Database(t)
	checkName(t, a)
	checkName(t, b)
	if a.Name() == b.Name() {
		t.Fatalf("two calls returned the same database %q", a.Name())
	}

	if n := insertAndCount(t, a, 3); n != 3 {
		t.Errorf("count in a = %d, want 3", n)
	}
	var got struct {
		ID int    `bson:"_id"`
		DB string `bson:"db"`
	}
	if err := a.Collection("items").FindOne(ctx, bson.D{bson.E{Key: "_id", Value: 2}}).Decode(&got); err != nil {
		t.Fatalf("find in a: %v", err)
	}
	if got.ID != 2 || got.DB != a.Name() {
		t.Errorf("found %+v, want _id 2 from %s", got, a.Name())
	}
	if n, err := b.Collection("items").CountDocuments(ctx, bson.D{}); err != nil || n != 0 {
		t.Errorf("count in b = %d, %v; want 0 (databases must not share data)", n, err)
	}
}

func TestDatabaseDroppedAfterCleanup(t *testing.T) {
	var name string
	t.Run("inner", func(t *testing.T) {
		db := blockyardtest.Database(t)
		name = db.Name()
		if n := insertAndCount(t, db, 1); n != 1 {
			t.Fatalf("count = %d, want 1", n)
		}
		if !slices.Contains(databaseNames(t, db), name) {
			t.Fatalf("database %s missing from the list while its test runs", name)
		}
	})
	if names := databaseNames(t, blockyardtest.Database(t)); slices.Contains(names, name) {
		t.Errorf("database %s still exists after its test ended: %v", name, names)
	}
}

func TestDatabaseParallel(t *testing.T) {
	names := make([]string, 2)
	t.Run("group", func(t *testing.T) {
		for i := range names {
			t.Run(fmt.Sprint("p", i), func(t *testing.T) {
				t.Parallel()
				db := blockyardtest.Database(t)
				names[i] = db.Name()
				if n := insertAndCount(t, db, 5); n != 5 {
					t.Errorf("count = %d, want 5 (another test wrote here?)", n)
				}
			})
		}
	})
	if names[0] == names[1] {
		t.Errorf("parallel tests shared database %q", names[0])
	}
}

func TestDatabaseOddTestNames(t *testing.T) {
	for _, name := range []string{
		"spaces and/slashes.dots$dollars",
		"ünïcödé-名前",
		strings.Repeat("long", 40),
		"",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := blockyardtest.Database(t)
			checkName(t, db)
			if n := insertAndCount(t, db, 1); n != 1 { // the server rejects invalid names here
				t.Errorf("count = %d, want 1", n)
			}
		})
	}
}

func TestURI(t *testing.T) {
	uri := blockyardtest.URI(t)
	if !strings.HasPrefix(uri, "mongodb://") && !strings.HasPrefix(uri, "mongodb+srv://") {
		t.Errorf("URI = %q, want a mongodb:// URI", uri)
	}
	if blockyardtest.UsingFerretDB() && !strings.HasPrefix(uri, "mongodb://127.0.0.1:") {
		t.Errorf("URI = %q, want the in-process FerretDB on 127.0.0.1", uri)
	}
}

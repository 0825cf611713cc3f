package blockyardtest_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
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

// TestConcurrentUpdatesAllLand: 48 concurrent $inc of one document, from the shared client and from a
// second client made from ClientOptions, all count. On MongoDB an update is atomic; on FerretDB 1.24,
// which reads then rewrites the whole document, this holds because both clients serialize their
// writes through one dialer (without it about half are lost).
func TestConcurrentUpdatesAllLand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := blockyardtest.Database(t)
	other, err := mongo.Connect(blockyardtest.ClientOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Disconnect(ctx)
	counters := []*mongo.Collection{db.Collection("counters"), other.Database(db.Name()).Collection("counters")}
	if _, err := counters[0].InsertOne(ctx, bson.D{bson.E{Key: "_id", Value: "c"}, bson.E{Key: "n", Value: 0}}); err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 6
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				_, err := counters[w%2].UpdateOne(ctx, bson.D{bson.E{Key: "_id", Value: "c"}},
					bson.D{bson.E{Key: "$inc", Value: bson.D{bson.E{Key: "n", Value: 1}}}})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	var got struct{ N int }
	if err := counters[0].FindOne(ctx, bson.D{bson.E{Key: "_id", Value: "c"}}).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.N != workers*each {
		t.Errorf("n = %d after %d acknowledged $inc", got.N, workers*each)
	}
}

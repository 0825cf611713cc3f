package blockyardtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestDatabaseName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-zA-Z0-9_-]{1,63}$`)
	seen := map[string]bool{}
	for i, name := range []string{
		"TestX",
		"TestX", // same name again: the counter must tell them apart
		"TestX/sub_test#01",
		"Test/with spaces/and.dots/and$dollars",
		"Tést/ünïcödé/名前",
		strings.Repeat("x", 200),
		strings.Repeat("x", 200), // same after truncation
		"",
	} {
		got := databaseName(name, uint64(1000+i))
		if !valid.MatchString(got) {
			t.Errorf("databaseName(%q) = %q: does not match %s", name, got, valid)
		}
		if !strings.HasPrefix(got, DatabasePrefix) {
			t.Errorf("databaseName(%q) = %q: want prefix %s", name, got, DatabasePrefix)
		}
		if seen[got] {
			t.Errorf("databaseName(%q) = %q: duplicate", name, got)
		}
		seen[got] = true
	}
	if got, want := databaseName("Test/a b", 35), DatabasePrefix+"Test_a_b_"+runID+"z"; got != want {
		t.Errorf("databaseName = %q, want %q", got, want)
	}
	if got := databaseName(strings.Repeat("y", 100), 1<<40); len(got) != maxDatabaseName {
		t.Errorf("long name %q has %d bytes, want it cut to %d", got, len(got), maxDatabaseName)
	}
}

func TestRemoveStaleDirs(t *testing.T) {
	base := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := mk(ferretDirPrefix + "999999999-abc") // above Linux's maximum pid: never alive
	own := mk(fmt.Sprintf("%s%d-abc", ferretDirPrefix, os.Getpid()))
	other := mk("someone-elses-dir")
	removeStaleDirs(base)
	for path, wantExists := range map[string]bool{stale: processAlive(999999999), own: true, other: true} {
		if _, err := os.Stat(path); (err == nil) != wantExists {
			t.Errorf("%s: exists = %v, want %v", filepath.Base(path), err == nil, wantExists)
		}
	}
}

// TestBackendClose checks the shutdown that Main performs, on a second, private backend: the client
// is disconnected first so FerretDB stops at once, and the data directory is removed.
func TestBackendClose(t *testing.T) {
	if !UsingFerretDB() {
		t.Skip("closing only stops a server this process started; MONGODB_URI is set")
	}
	b, err := startBackend()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := b.client.Database("close_test").Collection("c").InsertOne(ctx, bson.D{bson.E{Key: "x", Value: 1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(b.ferret.dir); err != nil {
		t.Fatalf("data directory: %v", err)
	}
	start := time.Now()
	if err := b.close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("close took %v; FerretDB waits ~3 s when a client is still connected", d)
	}
	if _, err := os.Stat(b.ferret.dir); !os.IsNotExist(err) {
		t.Errorf("data directory %s still there after close (stat: %v)", b.ferret.dir, err)
	}
	if err := b.client.Ping(ctx, nil); err == nil {
		t.Error("client still usable after close")
	}
}

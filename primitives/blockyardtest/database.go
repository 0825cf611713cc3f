package blockyardtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// DatabasePrefix starts the name of every database [Database] creates, so that test databases left
// on a shared MongoDB (after a crash) are easy to recognise and remove.
const DatabasePrefix = "blockyardtest_"

// maxDatabaseName is the longest database name FerretDB accepts (MongoDB allows 63 bytes too).
const maxDatabaseName = 63

var (
	// runID tells apart the databases of test binaries that share one MongoDB at the same time
	// (go test ./... runs packages in parallel, and two packages may both have a TestCreate).
	runID = strconv.FormatUint(rand.Uint64()%(36*36*36*36), 36)
	// dbCounter tells apart the databases of one binary, e.g. two calls in one test or -count=2.
	dbCounter atomic.Uint64
)

// Database returns a fresh, empty database for t, dropped in t.Cleanup, so that tests never see each
// other's data and may run in parallel.
//
// With MONGODB_URI set it connects there; otherwise it uses FerretDB v1.24.0 (SQLite handler) started
// in-process on a random 127.0.0.1 port with a temporary data directory (in /dev/shm when it exists).
// The server and one *mongo.Client are started by the first call and shared by every test of the
// binary; do not Disconnect db.Client(). Call [Main] from TestMain to disconnect the client, stop
// FerretDB and remove its data directory when the tests are done. Without Main everything still works:
// the server lives until the process exits and its data directory is removed by the next run.
//
// Start-up failures fail t with t.Fatal.
func Database(t testing.TB) *mongo.Database {
	t.Helper()
	b := getBackend(t)
	name := databaseName(t.Name(), dbCounter.Add(1))
	db := b.client.Database(name)
	t.Cleanup(func() {
		// t.Context() is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		if err := db.Drop(ctx); err != nil {
			t.Errorf("blockyardtest: drop database %s: %v", name, err)
		}
	})
	return db
}

// databaseName makes a valid (^[a-zA-Z0-9_-]{1,63}$), unique name from a test name: the prefix, the
// test name with other characters replaced by '_' and cut to fit, then the run id and counter.
func databaseName(testName string, n uint64) string {
	suffix := fmt.Sprintf("_%s%s", runID, strconv.FormatUint(n, 36))
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			return r
		}
		return '_'
	}, testName)
	if room := maxDatabaseName - len(DatabasePrefix) - len(suffix); len(safe) > room {
		safe = safe[:room]
	}
	return DatabasePrefix + safe + suffix
}

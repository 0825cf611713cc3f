package blockyardtest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// ferretDirPrefix names the temporary data directories of in-process FerretDB servers. The process id
// follows it, so that a later run can remove the directories of processes that never called [Main].
const ferretDirPrefix = "blockyardtest-ferretdb-"

// ferretStopTimeout bounds how long stopping waits for FerretDB's Run to return. With every client
// disconnected it returns at once; a forgotten client makes it wait about 3 s.
const ferretStopTimeout = 30 * time.Second

// ferretServer is a FerretDB v1.24 server (SQLite handler) running in this process.
type ferretServer struct {
	uri    string
	dir    string
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned
}

// startFerret starts FerretDB on a random 127.0.0.1 port with a fresh data directory, in /dev/shm when
// the machine has it (SQLite on tmpfs with synchronous=OFF: tests do not need durability).
func startFerret() (*ferretServer, error) {
	base := os.TempDir()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm"
	}
	removeStaleDirs(base)

	dir, err := os.MkdirTemp(base, fmt.Sprintf("%s%d-", ferretDirPrefix, os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("create FerretDB data directory: %w", err)
	}

	// The URL must name a directory (trailing slash). Do not use mode=memory: it deadlocks on the first update.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: "file:" + filepath.ToSlash(dir) + "/?_pragma=synchronous(OFF)",
		Logger:    slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("start FerretDB: %w", err), os.RemoveAll(dir))
	}

	ctx, cancel := context.WithCancel(context.Background())
	s := &ferretServer{
		uri:    f.MongoDBURI(), // safe before Run: New has already opened the listener
		dir:    dir,
		cancel: cancel,
		done:   make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx) // always nil; it returns when ctx is cancelled
	}()
	return s, nil
}

// stop cancels the server, waits for it to close its listener and databases, then removes its data
// directory. Disconnect every client first, or stopping waits for their connections to time out.
func (s *ferretServer) stop() error {
	s.cancel()
	select {
	case <-s.done:
	case <-time.After(ferretStopTimeout):
		return fmt.Errorf("FerretDB did not stop within %v; data left in %s", ferretStopTimeout, s.dir)
	}
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("remove FerretDB data directory: %w", err)
	}
	return nil
}

// removeStaleDirs deletes the data directories that earlier test processes left in base because they
// did not run through [Main]. A directory is stale when the process id in its name is no longer alive.
func removeStaleDirs(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), ferretDirPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		var pid int
		if _, err := fmt.Sscan(pidText, &pid); err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(base, e.Name()))
	}
}

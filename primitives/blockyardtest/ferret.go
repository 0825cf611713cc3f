package blockyardtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blockyard/blockyard/internal/embeddeddb"
)

// ferretDirPrefix names the temporary data directories of in-process FerretDB servers. The process id
// follows it, so that a later run can remove the directories of processes that never called [Main].
const ferretDirPrefix = "blockyardtest-ferretdb-"

// ferretServer is a FerretDB v1.24 server (SQLite handler) running in this process, with its
// temporary data directory.
type ferretServer struct {
	*embeddeddb.Server
	dir string
}

// startFerret starts FerretDB on a random 127.0.0.1 port with a fresh data directory, in /dev/shm when
// the machine has it (SQLite on tmpfs with synchronous=OFF: tests do not need durability). Its clients
// serialize their writes per database (see package embeddeddb), as the example server's do.
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
	srv, err := embeddeddb.Start(embeddeddb.Options{Dir: dir})
	if err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	return &ferretServer{Server: srv, dir: dir}, nil
}

// stop stops the server, then removes its data directory. Disconnect every client first, or stopping
// waits for their connections to time out.
func (s *ferretServer) stop() error {
	if err := s.Stop(); err != nil {
		return fmt.Errorf("%w; data left in %s", err, s.dir)
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

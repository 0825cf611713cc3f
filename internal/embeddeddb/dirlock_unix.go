//go:build unix

package embeddeddb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes an exclusive lock on dir (a lock file inside it) so that
// two processes never open one database directory at once: SQLite would
// cope, but FerretDB keeps its own view of the collections in memory, and
// the write serialization of each process knows nothing of the other. The
// lock goes away with the process; unlock releases it earlier.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", ErrDirInUse, dir)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}

package blocks

import (
	"hash/maphash"
	"sync"
)

// authStripes serialize, within one process, the guarded writes whose
// single-winner guarantee matters for security: counting a failed login
// and locking, rotating a refresh token, consuming a one-time token.
//
// On MongoDB the guarded updates are atomic by themselves, across any
// number of processes. FerretDB 1.24 applies an update as read, filter in
// Go, replace, so two racing updates may both "win"; the stripes make the
// guarantees hold there too for a single process. They hold only the
// database write, never bcrypt or token work.
var (
	authStripes    [64]sync.Mutex
	authStripeSeed = maphash.MakeSeed()
)

// lockAuthKey locks the stripe of key and returns its unlock function.
func lockAuthKey(key string) func() {
	m := &authStripes[maphash.String(authStripeSeed, key)%uint64(len(authStripes))]
	m.Lock()
	return m.Unlock
}

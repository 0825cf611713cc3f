package blocks

import (
	"time"

	"github.com/blockyard/blockyard/store"
)

// Timestamp formats t the way the reference stores createdAt, updatedAt
// and deletedAt ("2026-11-21T23:36:54.956Z"), so documents written here and
// by a Node service sort and compare alike as strings. It is
// store.Timestamp, which holds the implementation (the generic store
// writes the same timestamps and must not import this package).
func Timestamp(t time.Time) string { return store.Timestamp(t) }

// NextTimestamp is now as a Timestamp, moved to one millisecond after prev
// when the clock (at millisecond precision) has not passed it, so that a
// write guarded by updatedAt always changes updatedAt and two writes in the
// same millisecond still tell apart. It is store.NextTimestamp.
func NextTimestamp(now time.Time, prev string) string { return store.NextTimestamp(now, prev) }

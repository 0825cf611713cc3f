package store

import "time"

// TimestampLayout is JavaScript's Date.prototype.toISOString as a Go
// time layout: UTC, always three fractional digits, a literal Z.
const TimestampLayout = "2006-01-02T15:04:05.000Z"

// Timestamp formats t the way Blockyard (and the Node reference) stores
// createdAt, updatedAt and deletedAt ("2026-11-21T23:36:54.956Z"), so that
// documents written by either sort and compare alike as strings. Insert and
// UpdateFields write their timestamps with it.
func Timestamp(t time.Time) string { return t.UTC().Format(TimestampLayout) }

// NextTimestamp is now as a Timestamp, moved to one millisecond after prev
// when the clock (at millisecond precision) has not passed it, so that a
// write guarded by updatedAt always changes updatedAt and two writes in the
// same millisecond still tell apart.
func NextTimestamp(now time.Time, prev string) string {
	if p, err := time.Parse(TimestampLayout, prev); err == nil && !now.Truncate(time.Millisecond).After(p) {
		now = p.Add(time.Millisecond)
	}
	return Timestamp(now)
}

package blocks

import "time"

// timestampLayout is JavaScript's Date.prototype.toISOString: UTC, always
// three fractional digits, a literal Z.
const timestampLayout = "2006-01-02T15:04:05.000Z"

// Timestamp formats t the way the reference stores createdAt, updatedAt
// and deletedAt ("2026-11-21T23:36:54.956Z"), so documents written here and
// by a Node service sort and compare alike as strings.
func Timestamp(t time.Time) string { return t.UTC().Format(timestampLayout) }

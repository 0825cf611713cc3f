// Package keylock serializes work on the same key within one process with
// a fixed set of striped mutexes: memory stays constant however many keys
// there are, at the price of unrelated keys sometimes sharing a stripe.
//
// # Why
//
// Blockyard uses it around guarded database writes whose single winner
// matters. On MongoDB a filtered update is atomic by itself, across any
// number of processes; FerretDB 1.24 applies an update as read, filter in
// Go, replace, so two racing updates may both pass their filter there. The
// clients Blockyard makes for its embedded FerretDB already serialize every
// write command per database (internal/embeddeddb); these locks keep the
// guarantees for a host app that connects to a FerretDB its own way, and
// spare MongoDB the retries of lost races.
//
// # Usage
//
// Declare one [Stripes] per kind of work (its zero value is ready) and
// hold the key's stripe around the guarded write. Never hold a stripe
// while taking another: two keys may share one, and the mutexes are not
// reentrant.
//
//	var locks keylock.Stripes
//	unlock := locks.Lock("organizations:" + id)
//	defer unlock()
package keylock

//go:build race

package features_test

// raceEnabled: the race detector slows FerretDB down about tenfold, too
// much for tests of very large documents.
const raceEnabled = true

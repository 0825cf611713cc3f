package blockyardtest

import (
	"fmt"
	"os"
	"testing"
)

// Main runs the tests, then disconnects the shared client and stops the in-process FerretDB (removing
// its data directory), and exits with the tests' status. Call it from TestMain:
//
//	func TestMain(m *testing.M) { blockyardtest.Main(m) }
//
// A failure to shut down fails the run, since it means connections or files were leaked.
func Main(m *testing.M) {
	code := m.Run()
	printChecked()
	if err := shutdown(); err != nil {
		fmt.Fprintf(os.Stderr, "blockyardtest: shutting down the test database server: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

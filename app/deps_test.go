package app_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// heavyEmbedded are the import paths that only the embedded database
// brings: FerretDB and the SQLite it runs on.
var heavyEmbedded = []string{"github.com/FerretDB/FerretDB", "modernc.org/sqlite", "github.com/blockyard/blockyard/internal/embeddeddb"}

// TestNoEmbeddedDatabaseInApp shows the cost of the embedded database is
// one package import: a program that imports app (and not app/embedded)
// links no FerretDB and no SQLite, and one that imports app/embedded
// does.
func TestNoEmbeddedDatabaseInApp(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	deps := func(pkg string) []string {
		out, err := exec.Command(goTool, "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	heavy := func(deps []string) []string {
		var found []string
		for _, d := range deps {
			for _, h := range heavyEmbedded {
				if d == h || strings.HasPrefix(d, h+"/") {
					found = append(found, d)
				}
			}
		}
		return found
	}
	if found := heavy(deps("github.com/blockyard/blockyard/app")); len(found) > 0 {
		t.Errorf("package app depends on the embedded database: %d packages, such as %v", len(found), found[len(found)-min(3, len(found)):])
	}
	embedded := heavy(deps("github.com/blockyard/blockyard/app/embedded"))
	if !slices.Contains(embedded, "github.com/FerretDB/FerretDB/ferretdb") {
		t.Errorf("package app/embedded should bring FerretDB (the check above proves nothing otherwise); heavy deps: %v", embedded)
	}
}

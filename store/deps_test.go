package store_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStoreLayering keeps store generic machinery: a host app that uses
// the store's blocks must not link the nodeblocks domain (its blocks,
// routes, features, validators and configuration). What both need
// (Timestamp, IsDuplicateKey, CreateIndexModels) lives in store, and
// blocks delegates to it.
func TestStoreLayering(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/blockyard/blockyard/store").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	const module = "github.com/blockyard/blockyard/"
	for _, d := range strings.Fields(string(out)) {
		for _, banned := range []string{"blocks", "routes", "features", "validators", "nodeblocks"} {
			if d == module+banned || strings.HasPrefix(d, module+banned+"/") {
				t.Errorf("store depends on %s", d)
			}
		}
	}
}

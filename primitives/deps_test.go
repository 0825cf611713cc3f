package primitives_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreDependencyWeight keeps the core light: a host app that mounts
// routes but stores no files must not link the cloud SDKs that
// gocloud.dev/blob brings (gRPC, OpenTelemetry, protobuf). The storage
// interface lives in primitives/files, the gocloud implementations in
// primitives/files/blobstore.
func TestCoreDependencyWeight(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/blockyard/blockyard/primitives").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	const budget = 300
	if len(deps) > budget {
		t.Errorf("primitives depends on %d packages, budget %d", len(deps), budget)
	}
	for _, d := range deps {
		for _, banned := range []string{"gocloud.dev", "google.golang.org/grpc", "go.opentelemetry.io", "google.golang.org/protobuf"} {
			if d == banned || strings.HasPrefix(d, banned+"/") {
				t.Errorf("primitives depends on %s", d)
			}
		}
	}
}

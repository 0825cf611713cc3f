package main

import "testing"

// TestFeaturesBuild builds every tenant feature, so that a resource
// definition the crud or model packages refuse (they panic at start-up)
// fails here rather than in the end-to-end test's binary.
func TestFeaturesBuild(t *testing.T) {
	if n := len(tenantFeatures()); n == 0 {
		t.Fatal("no feature")
	}
}

package features_test

import (
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
)

// TestEveryRouteStatesItsAnswer reads the route table of everything the
// example server mounts: each built-in endpoint's value says, without a
// request, what type a success carries, with which status, and which
// error map it answers with (what an API document is generated from).
func TestEveryRouteStatesItsAnswer(t *testing.T) {
	parts := []primitives.Mountable{features.Auth(), features.Identities(), features.Organizations(), features.Profiles()}
	n := 0
	for _, p := range parts {
		for _, rt := range p.Bundle().Routes {
			n++
			h := rt.Handler
			if h.Response == nil {
				t.Errorf("%s %s (%s): no response type", rt.Method, rt.Path, rt.Name)
			}
			switch term := h.Terminator.(type) {
			case terminators.JSONTerminator:
				if term.Status < 200 || term.Status > 299 || term.Status == http.StatusNoContent {
					t.Errorf("%s %s: JSON with status %d", rt.Method, rt.Path, term.Status)
				}
			case terminators.EmptyTerminator:
				if term.Status < 200 || term.Status > 299 {
					t.Errorf("%s %s: empty answer with status %d", rt.Method, rt.Path, term.Status)
				}
			case primitives.TerminatorFunc:
				// Decides per request (the refresh answers 200 or 204 by
				// auth mode); its doc states both.
			default:
				t.Errorf("%s %s: terminator %T states no status", rt.Method, rt.Path, term)
			}
			if rt.Schema == nil && rt.Method != http.MethodGet {
				t.Logf("%s %s has no request schema", rt.Method, rt.Path)
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d routes mounted", n)
	}
}

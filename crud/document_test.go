package crud_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
)

// TestDocument: the API document of the generated routes shows the bulk
// import's multipart body (a "file" field) and its query parameter, lists
// the status errors the blocks return (the scope's 403s, a Unique
// field's 409), and, every guard being described, no catch-all "4XX".
func TestDocument(t *testing.T) {
	f := newFixture(t)
	doc, err := openapi.Build(f.Handler.(*primitives.Router).Routes(), openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	imp := doc.Operation("POST", "/campuses/bulk-import")
	if imp == nil || imp.RequestBody == nil {
		t.Fatalf("bulk import: %+v", imp)
	}
	var form struct {
		Properties map[string]struct{ Type, Format string }
		Required   []string
	}
	if err := json.Unmarshal(imp.RequestBody.Content["multipart/form-data"].Schema, &form); err != nil {
		t.Fatal(err)
	}
	if form.Properties["file"].Format != "binary" || len(form.Required) != 1 || form.Required[0] != "file" {
		t.Errorf("bulk import form %s", imp.RequestBody.Content["multipart/form-data"].Schema)
	}
	if len(imp.Parameters) != 1 || imp.Parameters[0].Name != "organizationId" || imp.Parameters[0].In != "query" {
		t.Errorf("bulk import parameters %+v", imp.Parameters)
	}
	for _, want := range []struct{ method, path, status, says string }{
		{"POST", "/campuses/bulk-import", "403", "only a caller with global access chooses the organization"},
		{"POST", "/campuses/bulk-import", "413", "file too large"},
		{"POST", "/campuses", "403", "caller has no organization to create in"},
		{"POST", "/organizations", "403", `"Forbidden"`},
		{"POST", "/users", "409", "users conflicts with an existing record"},
		{"PUT", "/users/{id}", "409", "users conflicts with an existing record"},
		{"PUT", "/campuses/{id}", "400", "Validation Error"},
	} {
		res := doc.Operation(want.method, want.path).Responses[want.status]
		if res == nil || !strings.Contains(res.Description, want.says) {
			t.Errorf("%s %s %s: %+v, want %q", want.method, want.path, want.status, res, want.says)
		}
	}
	for path, item := range doc.Paths {
		for _, op := range []*openapi.Operation{item.Get, item.Post, item.Put, item.Delete} {
			if op != nil && op.Responses["4XX"] != nil {
				t.Errorf("%s %s: a catch-all 4XX (a guard that does not describe its refusals)", op.OperationID, path)
			}
		}
	}
}

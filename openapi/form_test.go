package openapi_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// TestFormBody: a route's Form is documented as its multipart/form-data
// request body, beside the JSON body of its schema when it has one, and
// Compare counts it as a declared body.
func TestFormBody(t *testing.T) {
	upload := primitives.Route{
		Name: "upload", Method: http.MethodPost, Path: "/files",
		Form:    schema.Object(schema.Prop("file", schema.String().Format("binary"))).Required("file"),
		Handler: primitives.Handle(func(*primitives.Request) mo.Result[bool] { return mo.Ok(true) }, terminators.JSON(http.StatusOK, nil)),
	}
	routes := []primitives.RouteInfo{{Name: upload.Name, Method: upload.Method, Path: upload.Path, Route: upload}}
	doc, err := openapi.Build(routes, openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := doc.Operation("POST", "/files").RequestBody
	if body == nil || !body.Required || len(body.Content) != 1 {
		t.Fatalf("request body %+v", body)
	}
	var form struct {
		Type       string
		Properties map[string]struct{ Type, Format string }
		Required   []string
	}
	if err := json.Unmarshal(body.Content["multipart/form-data"].Schema, &form); err != nil {
		t.Fatal(err)
	}
	if form.Type != "object" || form.Properties["file"].Format != "binary" || len(form.Required) != 1 {
		t.Errorf("form schema %s", body.Content["multipart/form-data"].Schema)
	}
	if d := openapi.Compare(routes, doc); len(d) != 0 {
		t.Errorf("Compare: %v", d)
	}
}

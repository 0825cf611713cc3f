package model_test

import (
	"reflect"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
)

// TestResponseSchemaOfEveryBuiltInRoute derives the response schema of
// every route of the built-in features (the OpenAPI document needs them):
// none may fail, and each must compile.
func TestResponseSchemaOfEveryBuiltInRoute(t *testing.T) {
	n := 0
	for _, f := range []primitives.Feature{features.Auth(), features.Identities(), features.Organizations(), features.Profiles()} {
		for _, rt := range f.Routes {
			typ := rt.Handler.Response
			if typ == nil {
				continue
			}
			n++
			s, err := model.Derive(typ, model.Options{Response: true})
			if err != nil {
				t.Errorf("%s %s (%s): %v", rt.Method, rt.Path, typ, err)
				continue
			}
			if _, err := schema.Compile(schema.Request{Body: s, Mode: schema.Strict}); err != nil {
				t.Errorf("%s %s (%s): the derived schema does not compile: %v\n%s", rt.Method, rt.Path, typ, err, s)
			}
			ref := func(rt reflect.Type) string { return "#/components/schemas/" + rt.Name() }
			if _, err := model.Derive(typ, model.Options{Response: true, Ref: ref}); err != nil {
				t.Errorf("%s %s (%s) with Ref: %v", rt.Method, rt.Path, typ, err)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d routes state their response type", n)
	}
}

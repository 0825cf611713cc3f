package schema_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/schema"
)

func checkJSON(t *testing.T, v *schema.Validator, in schema.Input) string {
	t.Helper()
	_, _, problems := v.Check(in)
	b, err := json.Marshal(problems)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCheckModes covers what the model package's tests do not: a hand-built
// schema in the Strict mode, keys that are not identifiers, free-form
// keywords refused outside the AJV mode, Check on an AJV validator, and an
// unknown mode.
func TestCheckModes(t *testing.T) {
	body := schema.Object(
		schema.Prop("labels", schema.Type("object").Set("additionalProperties", schema.String().MaxLength(3))),
		schema.Prop("n", schema.Number().ExclusiveMaximum(1.5)),
	)
	v := schema.MustCompile(schema.Request{Body: body, Mode: schema.Strict})
	var in any
	_ = json.Unmarshal([]byte(`{"labels":{"a b":"long","ok":"x"},"n":1.5}`), &in)
	got := checkJSON(t, v, schema.Input{Body: in, HasBody: true})
	want := `[{"location":"body.labels[\"a b\"]","rule":"maxLength","message":"must be at most 3 characters","accepted":3},` +
		`{"location":"body.n","rule":"exclusiveMaximum","message":"must be \u003c 1.5","accepted":1.5}]`
	if got != want {
		t.Errorf("problems\n got %s\nwant %s", got, want)
	}

	_, err := schema.Compile(schema.Request{Body: schema.Object(schema.Prop("doc", schema.FreeForm(schema.FreeFormLimits{MaxDepth: 3}))), Mode: schema.Strict})
	if err == nil || !strings.Contains(err.Error(), "only supported in the AJV mode") {
		t.Errorf("free-form keyword in Strict mode: err = %v", err)
	}
	if _, err := schema.Compile(schema.Request{Body: body, Mode: schema.Mode(9)}); err == nil {
		t.Error("an unknown mode compiled")
	}

	ajv := schema.MustCompile(schema.Request{Body: body})
	if ajv.Mode() != schema.AJV || v.Mode() != schema.Strict {
		t.Errorf("modes %v, %v", ajv.Mode(), v.Mode())
	}
	got = checkJSON(t, ajv, schema.Input{Body: map[string]any{"n": "x"}, HasBody: true})
	if want := `[{"location":"request","rule":"ajv","message":"request body must be number"}]`; got != want {
		t.Errorf("AJV problems\n got %s\nwant %s", got, want)
	}
}

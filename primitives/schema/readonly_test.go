package schema_test

import (
	"encoding/json"
	"testing"

	"github.com/blockyard/blockyard/primitives/schema"
)

// TestReadOnly: in the Strict and Coerce modes a property whose schema has
// "readOnly": true is refused when sent (rule readOnly, whatever its value,
// at any depth, told apart from an unknown field), is never defaulted or
// coerced, and may be absent; the AJV mode keeps the reference's reading
// (an annotation).
func TestReadOnly(t *testing.T) {
	body := schema.Object(
		schema.Prop("id", schema.String().Format(schema.FormatUUID).ReadOnly()),
		schema.Prop("stamp", schema.Integer().Default(1).ReadOnly()),
		schema.Prop("lines", schema.Array(schema.Object(
			schema.Prop("n", schema.Integer()),
			schema.Prop("at", schema.String().ReadOnly()),
		))),
	)
	in := func(text string) schema.Input {
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			t.Fatal(err)
		}
		return schema.Input{Body: v, HasBody: true}
	}
	const ro = `"rule":"readOnly","message":"is set by the server"}`
	for _, mode := range []schema.Mode{schema.Strict, schema.Coerce} {
		v := schema.MustCompile(schema.Request{Body: body, Mode: mode})
		got := checkJSON(t, v, in(`{"zz":1,"lines":[{"n":"1","at":5}],"stamp":"2","id":"not a uuid"}`))
		want := `[{"location":"body.id",` + ro + `,{"location":"body.stamp",` + ro + `,`
		if mode == schema.Strict {
			want += `{"location":"body.lines[0].n","rule":"type","message":"must be an integer","accepted":"integer"},`
		}
		want += `{"location":"body.lines[0].at",` + ro + `,{"location":"body.zz","rule":"unknown","message":"is not allowed"}]`
		if got != want {
			t.Errorf("mode %d\n got %s\nwant %s", mode, got, want)
		}
		out, _, problems := v.Check(in(`{"lines":[{"n":1}]}`))
		if len(problems) > 0 {
			t.Errorf("mode %d: absent read-only fields: %v", mode, problems)
		}
		if b, _ := json.Marshal(out); string(b) != `{"lines":[{"n":1}]}` {
			t.Errorf("mode %d: a read-only default was inserted: %s", mode, b)
		}
	}
	v := schema.MustCompile(schema.Request{Body: body})
	if _, msgs := v.Validate(in(`{"id":"3f2b8a4e-9c1d-4e7a-8b5f-2d6c9e0a1b7c","lines":[{"n":1,"at":"x"}]}`)); len(msgs) > 0 {
		t.Errorf("AJV mode refused read-only fields: %v", msgs)
	}
}

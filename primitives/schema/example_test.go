package schema_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"

	"github.com/blockyard/blockyard/primitives/schema"
)

func Example() {
	// Compiled once, when the route is mounted.
	v := schema.MustCompile(schema.Request{
		Params: []schema.Param{
			{Name: "organizationId", In: schema.Path, Schema: schema.String()},
			{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
		},
		Body: schema.Object(
			schema.Prop("name", schema.String().MinLength(1)),
			schema.Prop("contact_phone", schema.String()),
			schema.Prop("logo", schema.OneOf(
				schema.Object(schema.Prop("objectId", schema.String().Format(schema.FormatUUID))).Required("objectId"),
				schema.Null(),
			)),
		).Required("name"),
	})

	// Per request.
	var body any
	_ = json.Unmarshal([]byte(`{"contact_phone": 123, "logo": "", "extra": true}`), &body)
	req := httptest.NewRequest("PATCH", "/organizations/org-1", nil)
	req.SetPathValue("organizationId", "org-1") // what a ServeMux pattern would set
	coerced, messages := v.Validate(schema.Input{
		Path:     req, // any PathValuer
		RawQuery: "limit=51&page=2",
		Body:     body,
		HasBody:  true,
	})
	for _, m := range messages {
		fmt.Println(m)
	}
	out, _ := json.Marshal(coerced)
	fmt.Println(string(out))
	// Output:
	// query parameter 'page' is not allowed
	// query parameter 'limit' must be <= 50
	// request body must have required property 'name'
	// request body must NOT have additional properties
	// {"contact_phone":"123","extra":true,"logo":null}
}

func ExampleParse() {
	s, err := schema.Parse(`{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"integer"}}}`)
	if err != nil {
		panic(err)
	}
	_, messages := schema.MustCompile(schema.Request{Body: s}).Validate(schema.Input{
		Body:    map[string]any{"a": "x", "b": []any{}},
		HasBody: true,
	})
	fmt.Println(messages) // declaration order: b before a
	// Output: [request body must be string request body must be integer]
}

package model_test

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
)

// A model written once gives the request schema, and the field-named
// problems of a bad body.
func Example() {
	type Note struct {
		Title  string `json:"title" validate:"min=1,max=200" doc:"Shown in lists."`
		Status string `json:"status" validate:"oneof=draft published" default:"draft"`
	}
	s, err := model.Derive(reflect.TypeFor[Note](), model.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(s)

	v := schema.MustCompile(*model.Body[Note]())
	var body any
	_ = json.Unmarshal([]byte(`{"title":"","status":"gone","color":"red"}`), &body)
	_, _, problems := v.Check(schema.Input{Body: body, HasBody: true})
	for _, p := range problems {
		fmt.Printf("%s %s: %s\n", p.Location, p.Rule, p.Message)
	}
	// Output:
	// {"type":"object","properties":{"title":{"type":"string","minLength":1,"maxLength":200,"description":"Shown in lists."},"status":{"type":"string","enum":["draft","published"],"default":"draft"}},"required":["title"],"additionalProperties":false}
	// body.title minLength: must be at least 1 character
	// body.status enum: must be one of: draft, published
	// body.color unknown: is not allowed
}

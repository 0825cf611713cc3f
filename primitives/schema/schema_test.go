package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestParseKeepsOrder(t *testing.T) {
	text := `{"type":"object","properties":{"z":{"type":"string"},"a":{"type":"integer","minimum":1}},` +
		`"required":["z","a"],"oneOf":[{"required":["z"]},{"not":{"type":"null"}}],"items":{"enum":[1,"x",null]}}`
	s, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.String(); got != text {
		t.Errorf("round trip\n got: %s\nwant: %s", got, text)
	}
	names := []string{}
	for _, p := range s.PropertyList() {
		names = append(names, p.Name)
	}
	if !reflect.DeepEqual(names, []string{"z", "a"}) {
		t.Errorf("property order %v", names)
	}
	if !reflect.DeepEqual(s.Keywords(), []string{"type", "properties", "required", "oneOf", "items"}) {
		t.Errorf("keywords %v", s.Keywords())
	}
	// json.Unmarshal into a Schema works too (e.g. inside route config).
	var wrapped struct{ Body *Schema }
	if err := json.Unmarshal([]byte(`{"Body":`+text+`}`), &wrapped); err != nil || wrapped.Body.String() != text {
		t.Errorf("UnmarshalJSON: %v %v", err, wrapped.Body)
	}
	if b, _ := json.Marshal(wrapped); !strings.Contains(string(b), text) {
		t.Errorf("MarshalJSON: %s", b)
	}
	for _, bad := range []string{``, `[]`, `{"properties":{"a":false}}`, `{"a":1} x`, `{"a":`} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): expected an error", bad)
		}
	}
}

func TestBuilder(t *testing.T) {
	base := Object(Prop("a", String()))
	ext := base.Props(Prop("b", Integer().Minimum(1)), Prop("a", String().MinLength(1))).Required("a")
	if got, want := base.String(), `{"type":"object","properties":{"a":{"type":"string"}}}`; got != want {
		t.Errorf("receiver modified: %s", got)
	}
	want := `{"type":"object","properties":{"a":{"type":"string","minLength":1},"b":{"type":"integer","minimum":1}},"required":["a"]}`
	if got := ext.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	s := Array(String().Enum("x", "y")).MinItems(1).MaxItems(3).UniqueItems()
	if got, want := s.String(), `{"type":"array","items":{"type":"string","enum":["x","y"]},"minItems":1,"maxItems":3,"uniqueItems":true}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	s = OneOf(Null(), AnyOf(Boolean(), AllOf(Number().ExclusiveMinimum(0).ExclusiveMaximum(1).MultipleOf(0.5)))).
		Set("x-doc", map[string]int{"n": 1}).Description("d")
	if got, want := s.String(), `{"oneOf":[{"type":"null"},{"anyOf":[{"type":"boolean"},{"allOf":[{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1,"multipleOf":0.5}]}]}],"x-doc":{"n":1},"description":"d"}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := Type("string", "null").Nullable().Pattern("^a").Format(FormatUUID).MaxLength(3).MinProperties(1).MaxProperties(2).
		Const("a").Default("a").AdditionalProperties(true).Items(Any()).String(),
		`{"type":["string","null"],"nullable":true,"pattern":"^a","format":"uuid","maxLength":3,"minProperties":1,"maxProperties":2,"const":"a","default":"a","additionalProperties":true,"items":{}}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := Not(Enum(1, 2)).String(); got != `{"not":{"enum":[1,2]}}` {
		t.Errorf("got %s", got)
	}
	var nilSchema *Schema
	if nilSchema.String() != "{}" || nilSchema.Has("type") {
		t.Error("nil schema must be {}")
	}
	// A nil property schema accepts anything (but the name is declared).
	req := Request{Body: Object(Prop("any", nil))}
	check(t, req, bodyInput(t, `{"any":[1,{"x":null}]}`), nil)
	check(t, req, bodyInput(t, `{"other":1}`), []string{"request body must NOT have additional properties"})
}

func TestHarden(t *testing.T) {
	s := MustParse(`{"type":"object","properties":{
		"a":{"type":"object","properties":{"x":{"type":"string"}}},
		"free":{"type":"object","additionalProperties":true},
		"list":{"type":"array","items":{"properties":{"y":{}}}},
		"notArray":{"items":{"type":"object"}},
		"choice":{"oneOf":[{"type":["object","null"]},{"required":["q"]}]},
		"s":{"type":"string"}
	}}`)
	got := Harden(s).String()
	want := `{"type":"object","properties":{` +
		`"a":{"type":"object","properties":{"x":{"type":"string"}},"additionalProperties":false,"queryFilter":true},` +
		`"free":{"type":"object","additionalProperties":true,"queryFilter":true},` +
		`"list":{"type":"array","items":{"properties":{"y":{}},"additionalProperties":false,"queryFilter":true}},` +
		`"notArray":{"items":{"type":"object"}},` +
		`"choice":{"oneOf":[{"type":["object","null"],"additionalProperties":false,"queryFilter":true},{"required":["q"]}]},` +
		`"s":{"type":"string"}` +
		`},"additionalProperties":false,"queryFilter":true}`
	if got != want {
		t.Errorf("Harden\n got: %s\nwant: %s", got, want)
	}
	if strings.Contains(s.String(), "queryFilter") {
		t.Error("Harden modified its argument")
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"unsupported keyword", Request{Body: MustParse(`{"$ref":"#/definitions/x"}`)}, ""},
		{"if/then", Request{Body: MustParse(`{"if":{},"then":{}}`)}, "unsupported keyword"},
		{"unknown format", Request{Body: String().Format("int32")}, `unknown format "int32"`},
		{"bad minLength", Request{Body: MustParse(`{"type":"string","minLength":"1"}`)}, "body"},
		{"bad type", Request{Body: MustParse(`{"type":"text"}`)}, "body"},
		{"bad pattern", Request{Body: String().Pattern("(")}, "pattern"},
		{"back reference", Request{Body: String().Pattern(`(a)\1`)}, "back references"},
		{"tuple items", Request{Body: MustParse(`{"type":"array","items":[{"type":"string"}]}`)}, "items"},
		{"nullable without type", Request{Body: MustParse(`{"nullable":true}`)}, "nullable"},
		{"bad location", Request{Params: []Param{{Name: "x", In: "header"}}}, "header"},
		{"duplicate parameter", Request{Params: []Param{{Name: "x", In: Query}, {Name: "x", In: Query}}}, "duplicate"},
		{"param schema", Request{Params: []Param{{Name: "x", In: Query, Schema: String().Format("nope")}}}, "query/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(tt.req)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Compile error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Error("MustCompile did not panic")
		}
	}()
	MustCompile(Request{Body: String().Format("nope")})
}

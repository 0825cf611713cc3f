package schema

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// TestBodyCoercion is the table of framework.md §4.5: the body handed to
// the handler is coerced.
func TestBodyCoercion(t *testing.T) {
	tests := []struct {
		schema string
		in     string
		out    string // coerced value; "" when the value is rejected
		msg    string
	}{
		{`{"type":"string"}`, `123`, `"123"`, ""},
		{`{"type":"string"}`, `1.5`, `"1.5"`, ""},
		{`{"type":"string"}`, `1e21`, `"1e+21"`, ""},
		{`{"type":"string"}`, `true`, `"true"`, ""},
		{`{"type":"string"}`, `false`, `"false"`, ""},
		{`{"type":"string"}`, `null`, `""`, ""},
		{`{"type":"string"}`, `[1]`, ``, "must be string"},
		{`{"type":"string"}`, `{}`, ``, "must be string"},
		{`{"type":"number"}`, `"1.5"`, `1.5`, ""},
		{`{"type":"number"}`, `" 12 "`, `12`, ""},
		{`{"type":"number"}`, `null`, `0`, ""},
		{`{"type":"number"}`, `true`, `1`, ""},
		{`{"type":"number"}`, `false`, `0`, ""},
		{`{"type":"number"}`, `""`, ``, "must be number"},
		{`{"type":"number"}`, `"12px"`, ``, "must be number"},
		{`{"type":"number"}`, `[1]`, ``, "must be number"},
		{`{"type":"integer"}`, `"2.0"`, `2`, ""},
		{`{"type":"integer"}`, `null`, `0`, ""},
		{`{"type":"integer"}`, `true`, `1`, ""},
		{`{"type":"integer"}`, `"1.5"`, ``, "must be integer"},
		{`{"type":"boolean"}`, `"true"`, `true`, ""},
		{`{"type":"boolean"}`, `"false"`, `false`, ""},
		{`{"type":"boolean"}`, `1`, `true`, ""},
		{`{"type":"boolean"}`, `0`, `false`, ""},
		{`{"type":"boolean"}`, `null`, `false`, ""},
		{`{"type":"boolean"}`, `"1"`, ``, "must be boolean"},
		{`{"type":"boolean"}`, `2`, ``, "must be boolean"},
		{`{"type":"null"}`, `""`, `null`, ""},
		{`{"type":"null"}`, `0`, `null`, ""},
		{`{"type":"null"}`, `false`, `null`, ""},
		{`{"type":"null"}`, `"x"`, ``, "must be null"},
		{`{"type":"object"}`, `"x"`, ``, "must be object"},
		{`{"type":"array"}`, `"x"`, ``, "must be array"},
		// the first declared type that accepts the value wins
		{`{"type":["string","number"]}`, `true`, `"true"`, ""},
		{`{"type":["number","string"]}`, `true`, `1`, ""},
		{`{"type":["boolean","null"]}`, `""`, `null`, ""},
		// coercion happens before the other keywords see the value
		{`{"type":"string","minLength":4}`, `123`, ``, "must NOT have fewer than 4 characters"},
		{`{"type":"integer","maximum":5}`, `"7"`, ``, "must be <= 5"},
		{`{"type":"string","enum":["1"]}`, `1`, `"1"`, ""},
	}
	for _, tt := range tests {
		// The value is a property: a JSON body itself is always an object or
		// an array (express.json strict mode).
		t.Run(tt.schema+" "+tt.in, func(t *testing.T) {
			var want []string
			if tt.msg != "" {
				want = []string{"request body " + tt.msg}
			}
			req := Request{Body: Object(Prop("v", MustParse(tt.schema)))}
			body := check(t, req, bodyInput(t, `{"v":`+tt.in+`}`), want)
			if tt.out != "" && !reflect.DeepEqual(body, decode(t, `{"v":`+tt.out+`}`)) {
				t.Errorf("coerced to %#v, want %s", body, tt.out)
			}
		})
	}
}

func TestOrganizationBodyCoercion(t *testing.T) {
	in := `{"organization":{"name":"Org","description":null,"contact_email":"c@x.com","contact_phone":123,
		"logo":"","certifiedQualifications":[{"name":"a","status":true,"value":3},{"name":"b","status":"s","value":"v"}],
		"certificateImage":{"objectId":"3b241101-e2bb-4255-8caf-4136c566a962","type":"image/png"},
		"address":{"zip":123}},"ownerId":42}`
	want := `{"organization":{"name":"Org","description":"","contact_email":"c@x.com","contact_phone":"123",
		"logo":null,"certifiedQualifications":[{"name":"a","status":"true","value":"3"},{"name":"b","status":"s","value":"v"}],
		"certificateImage":{"objectId":"3b241101-e2bb-4255-8caf-4136c566a962","type":"image/png"},
		"address":{"zip":123}},"ownerId":"42"}`
	input := bodyInput(t, in)
	body := check(t, createOrganization, input, nil)
	if !reflect.DeepEqual(body, decode(t, want)) {
		got, _ := json.Marshal(body)
		t.Errorf("coerced body\n got: %s\nwant: %s", got, want)
	}
	// The caller's value is not modified.
	if !reflect.DeepEqual(input.Body, decode(t, in)) {
		got, _ := json.Marshal(input.Body)
		t.Errorf("input mutated: %s", got)
	}
	// auditStatus: null is coerced to "" (the handler then answers 500
	// "Invalid audit status", organizations.md #5).
	body = check(t, adminUpdateOrganization, bodyInput(t, `{"auditStatus":null}`), nil)
	if !reflect.DeepEqual(body, map[string]any{"auditStatus": ""}) {
		t.Errorf("auditStatus: %v", body)
	}
	// Members: identityId 1 → "1".
	body = check(t, upsertMembers, bodyInput(t, `[{"identityId":1,"role":"owner"}]`), nil)
	if !reflect.DeepEqual(body, decode(t, `[{"identityId":"1","role":"owner"}]`)) {
		t.Errorf("members: %v", body)
	}
}

// Unchanged sub-trees are shared, changed ones are copies.
func TestCopyOnWrite(t *testing.T) {
	in := decode(t, `{"organization":{"name":"n","description":"d","contact_email":"a@b.co","address":{"a":1},"contact_phone":1},"ownerId":"o"}`).(map[string]any)
	body, msgs := MustCompile(createOrganization).Validate(Input{Body: in, HasBody: true})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	out := body.(map[string]any)
	inOrg, outOrg := in["organization"].(map[string]any), out["organization"].(map[string]any)
	if reflect.ValueOf(inOrg).Pointer() == reflect.ValueOf(outOrg).Pointer() {
		t.Error("changed object not copied")
	}
	if reflect.ValueOf(inOrg["address"]).Pointer() != reflect.ValueOf(outOrg["address"]).Pointer() {
		t.Error("unchanged object copied")
	}
	if inOrg["contact_phone"] != 1.0 || outOrg["contact_phone"] != "1" {
		t.Errorf("contact_phone in %v out %v", inOrg["contact_phone"], outOrg["contact_phone"])
	}
	// Nothing to coerce: the body is returned as is.
	same, _ := MustCompile(createOrganization).Validate(Input{Body: out, HasBody: true})
	if reflect.ValueOf(same).Pointer() != reflect.ValueOf(out).Pointer() {
		t.Error("valid body without coercion was copied")
	}
}

// AJV coerces inside oneOf branches in order, on the same value: the
// number branch sees the string the first branch produced.
func TestCoercionThreadsThroughComposites(t *testing.T) {
	body := check(t, Request{Body: OneOf(String(), Number())}, bodyInput(t, `5`),
		[]string{"request body must match exactly one schema in oneOf"})
	if body != 5.0 {
		t.Errorf("got %#v", body)
	}
	body = check(t, Request{Body: AnyOf(String(), Number())}, bodyInput(t, `5`), nil)
	if body != "5" {
		t.Errorf("anyOf stops at the first valid branch: got %#v", body)
	}
}

func TestJSONNumberInput(t *testing.T) {
	req := Request{Body: Object(Prop("s", String()), Prop("n", Integer().Minimum(1)))}
	body := check(t, req, Input{HasBody: true, Body: map[string]any{"s": json.Number("1.0"), "n": json.Number("0")}},
		[]string{"request body must be >= 1"})
	if got := body.(map[string]any)["s"]; got != "1" {
		t.Errorf("json.Number 1.0 → %#v, want \"1\"", got)
	}
}

func TestJSToNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"-0", 0, true}, {"12", 12, true}, {"+12", 12, true}, {"-1.5", -1.5, true},
		{".5", 0.5, true}, {"5.", 5, true}, {"1e3", 1000, true}, {"1E-2", 0.01, true},
		{" \t\n12\u00a0", 12, true}, {"", 0, true}, {"   ", 0, true},
		{"0x1F", 31, true}, {"0o17", 15, true}, {"0b101", 5, true},
		{"Infinity", math.Inf(1), true}, {"-Infinity", math.Inf(-1), true}, {"1e999", math.Inf(1), true},
		{"abc", 0, false}, {".", 0, false}, {"1e", 0, false}, {"1_000", 0, false}, {"-0x10", 0, false},
		{"0x", 0, false}, {"inf", 0, false}, {"NaN", 0, false}, {"1 2", 0, false}, {"0x1g", 0, false},
	}
	for _, tt := range tests {
		got, ok := jsToNumber(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("jsToNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJSNumberString(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {123, "123"}, {-5, "-5"}, {1.5, "1.5"}, {0.1, "0.1"},
		{1e20, "100000000000000000000"}, {1e21, "1e+21"}, {1.5e22, "1.5e+22"},
		{1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.25e-8, "1.25e-8"}, {123456.789, "123456.789"},
		{math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"},
	}
	for _, tt := range tests {
		if got := jsNumberString(tt.in); got != tt.want {
			t.Errorf("jsNumberString(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInfinityFromCoercion(t *testing.T) {
	limit := Request{Params: []Param{{Name: "limit", In: Query, Schema: Integer().Minimum(1).Maximum(50)}}}
	check(t, limit, Input{RawQuery: "limit=Infinity"}, []string{"query parameter 'limit' must be <= 50"})
	depth := Request{Params: []Param{{Name: "depth", In: Query, Schema: Number().Minimum(1)}}}
	check(t, depth, Input{RawQuery: "depth=1e999"}, nil)
	check(t, depth, Input{RawQuery: "depth=-Infinity"}, []string{"query parameter 'depth' must be >= 1"})
}

package schema

import (
	"reflect"
	"testing"
)

// TestMessageCatalogue covers every message of framework.md §4.7 (and the
// other AJV messages the package can produce), each with the "request body"
// prefix and without instance path.
func TestMessageCatalogue(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		body   string
		want   []string
	}{
		{"required", `{"type":"object","properties":{"x":{"type":"string"}},"required":["x"]}`, `{}`,
			[]string{"request body must have required property 'x'"}},
		{"additional", `{"type":"object","properties":{"x":{"type":"string"}}}`, `{"y":1}`,
			[]string{"request body must NOT have additional properties"}},
		{"string", `{"type":"string"}`, `[]`, []string{"request body must be string"}},
		{"number", `{"type":"number"}`, `"abc"`, []string{"request body must be number"}},
		{"integer", `{"type":"integer"}`, `1.5`, []string{"request body must be integer"}},
		{"boolean", `{"type":"boolean"}`, `"yes"`, []string{"request body must be boolean"}},
		{"object", `{"type":"object"}`, `[]`, []string{"request body must be object"}},
		{"array", `{"type":"array"}`, `{}`, []string{"request body must be array"}},
		{"null", `{"type":"null"}`, `"x"`, []string{"request body must be null"}},
		{"type list", `{"type":["object","null"]}`, `"x"`, []string{"request body must be object,null"}},
		{"nullable keeps the declared type in the message", `{"type":"integer","nullable":true}`, `"x"`,
			[]string{"request body must be integer"}},
		{"email", `{"type":"string","format":"email"}`, `"nope"`, []string{`request body must match format "email"`}},
		{"uuid", `{"type":"string","format":"uuid"}`, `"nope"`, []string{`request body must match format "uuid"`}},
		{"minLength", `{"type":"string","minLength":1}`, `""`, []string{"request body must NOT have fewer than 1 characters"}},
		{"maxLength", `{"type":"string","maxLength":2}`, `"abc"`, []string{"request body must NOT have more than 2 characters"}},
		{"minItems", `{"type":"array","minItems":1}`, `[]`, []string{"request body must NOT have fewer than 1 items"}},
		{"maxItems", `{"type":"array","maxItems":1}`, `[1,2]`, []string{"request body must NOT have more than 1 items"}},
		{"minProperties", `{"type":"object","minProperties":1}`, `{}`, []string{"request body must NOT have fewer than 1 properties"}},
		{"maxProperties", `{"type":"object","additionalProperties":true,"maxProperties":1}`, `{"a":1,"b":2}`,
			[]string{"request body must NOT have more than 1 properties"}},
		{"minimum", `{"type":"integer","minimum":1}`, `0`, []string{"request body must be >= 1"}},
		{"maximum", `{"type":"number","maximum":10000000}`, `10000001`, []string{"request body must be <= 10000000"}},
		{"fractional limit", `{"type":"number","maximum":0.5}`, `1`, []string{"request body must be <= 0.5"}},
		{"exclusiveMinimum", `{"type":"number","exclusiveMinimum":0}`, `0`, []string{"request body must be > 0"}},
		{"exclusiveMaximum", `{"type":"number","exclusiveMaximum":1}`, `1`, []string{"request body must be < 1"}},
		{"multipleOf", `{"type":"number","multipleOf":2}`, `3`, []string{"request body must be multiple of 2"}},
		{"enum", `{"type":"string","enum":["a","b"]}`, `"c"`, []string{"request body must be equal to one of the allowed values"}},
		{"const", `{"const":"a"}`, `"b"`, []string{"request body must be equal to constant"}},
		{"oneOf none", `{"oneOf":[{"type":"string"},{"type":"boolean"}]}`, `[]`,
			[]string{"request body must be string", "request body must be boolean", "request body must match exactly one schema in oneOf"}},
		{"anyOf", `{"anyOf":[{"type":"string"},{"type":"boolean"}]}`, `[]`,
			[]string{"request body must be string", "request body must be boolean", "request body must match a schema in anyOf"}},
		{"not", `{"not":{"type":"string"}}`, `"x"`, []string{"request body must NOT be valid"}},
		{"pattern", `{"type":"string","pattern":"^[a-z]+$"}`, `"A"`, []string{`request body must match pattern "^[a-z]+$"`}},
		{"query filter", `{"type":"object","additionalProperties":true}`, `{"$where":"1"}`,
			[]string{"request body Invalid query filter format"}},
		{"uniqueItems", `{"type":"array","uniqueItems":true}`, `[1,2,1,3,2]`,
			[]string{"request body must NOT have duplicate items (items ## 1 and 4 are identical)"}},
		{"uniqueItems, objects", `{"type":"array","uniqueItems":true}`, `[{"a":[1,{"b":null}]},{"a":[1]},{"a":[1,{"b":null}]}]`,
			[]string{"request body must NOT have duplicate items (items ## 0 and 2 are identical)"}},
		{"uniqueItems, scalar items", `{"type":"array","items":{"type":"number"},"uniqueItems":true}`, `[1,2,1,3,2]`,
			[]string{"request body must NOT have duplicate items (items ## 4 and 1 are identical)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, Request{Body: MustParse(tt.schema)}, bodyInput(t, tt.body), tt.want)
		})
	}
}

// TestValidBodies makes sure the same schemas accept good values (so the
// catalogue cannot pass by reporting everything).
func TestValidBodies(t *testing.T) {
	tests := []struct{ schema, body string }{
		{`{"type":"string","format":"email"}`, `"a.b+c@example.co.jp"`},
		{`{"type":"string","format":"email"}`, `"A@B.CO"`},
		{`{"type":"string","format":"uuid"}`, `"3B241101-E2BB-4255-8CAF-4136C566A962"`},
		{`{"type":"string","format":"uuid"}`, `"urn:uuid:3b241101-e2bb-0255-8caf-4136c566a962"`},
		{`{"type":"string","pattern":"^(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9.?/_-]{8,24}$"}`, `"abcdefg1"`},
		{`{"type":"integer","minimum":1,"maximum":1}`, `1`},
		{`{"type":"number","multipleOf":0.5}`, `1.5`},
		{`{"type":"array","uniqueItems":true}`, `[1,"1",{"a":1},{"a":2}]`},
		{`{"oneOf":[{"type":"string"},{"type":"array"}]}`, `[]`},
		{`{"type":"object","additionalProperties":true}`, `{"$regex":"^a","$options":"i","$in":[{"$eq":1}]}`},
	}
	for _, tt := range tests {
		check(t, Request{Body: MustParse(tt.schema)}, bodyInput(t, tt.body), nil)
	}
}

func TestBodyErrorOrder(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		body string
		want []string
	}{
		{
			// missing, extra and wrong-typed fields together: required (in
			// array order), one additionalProperties per extra key, then
			// properties in declaration order, recursing.
			name: "missing, extra and wrong types",
			req:  createOrganization,
			body: `{"organization":{"name":[],"logo":"x","contact_email":"bad","zzz":1,"aaa":2},"ownerId":{},"extra":true}`,
			want: []string{
				"request body must NOT have additional properties",
				"request body must have required property 'description'",
				"request body must NOT have additional properties",
				"request body must NOT have additional properties",
				`request body must match format "email"`,
				"request body must be object",
				"request body must be null",
				"request body must match exactly one schema in oneOf",
				"request body must be string",
				"request body must be string",
			},
		},
		{
			name: "required in array order before everything else",
			req:  createOrganization,
			body: `{}`,
			want: []string{
				"request body must have required property 'organization'",
				"request body must have required property 'ownerId'",
			},
		},
		{
			name: "nested failure has no path",
			req:  createOrganization,
			body: `{"organization":{"name":"n","description":"d","contact_email":"a@b.co","certificateImage":{"objectId":"x","type":[]}},"ownerId":"o"}`,
			want: []string{
				`request body must match format "uuid"`,
				"request body must be string",
			},
		},
		{
			name: "array: minItems before items",
			req:  upsertMembers,
			body: `[]`,
			want: []string{"request body must NOT have fewer than 1 items"},
		},
		{
			name: "array items, each with its required then additional properties",
			req:  upsertMembers,
			body: `[{"identityId":"a"},{"role":"x","identityId":1,"x":1},"s"]`,
			want: []string{
				"request body must have required property 'role'",
				"request body must NOT have additional properties",
				"request body must be object",
			},
		},
		{
			name: "non-array body for an array schema",
			req:  upsertMembers,
			body: `{"identityId":"a","role":"owner"}`,
			want: []string{"request body must be array"},
		},
		{
			name: "oneOf branches: the failures of each branch, then the oneOf message",
			req:  createOrganization,
			body: `{"organization":{"name":"n","description":"d","contact_email":"a@b.co","logo":{"objectId":"nope"}},"ownerId":"o"}`,
			want: []string{
				"request body must have required property 'type'",
				`request body must match format "uuid"`,
				"request body must be null",
				"request body must match exactly one schema in oneOf",
			},
		},
		{
			// oneOf belongs to AJV's untyped keyword group, which runs before
			// the object keywords.
			name: "register: neither email nor token",
			req:  register,
			body: `{"extra":1}`,
			want: []string{
				"request body must have required property 'email'",
				"request body must have required property 'password'",
				"request body must have required property 'token'",
				"request body must have required property 'password'",
				"request body must match exactly one schema in oneOf",
				"request body must have required property 'password'",
				"request body must NOT have additional properties",
			},
		},
		{
			name: "register: both email and token",
			req:  register,
			body: `{"email":"a","token":"t","password":"p"}`,
			want: []string{"request body must match exactly one schema in oneOf"},
		},
		{
			name: "register: object type error after the untyped group",
			req:  register,
			body: `[]`,
			want: []string{
				"request body must match exactly one schema in oneOf",
				"request body must be object",
			},
		},
		{
			name: "change request: minProperties first",
			req:  createChangeRequest,
			body: `{}`,
			want: []string{"request body must NOT have fewer than 1 properties"},
		},
		{
			name: "queryFilter last, once per enclosing object level",
			req:  createOrganization,
			body: `{"organization":{"name":"n","description":"d","contact_email":"a@b.co","address":{"$where":"1"}},"ownerId":"o"}`,
			want: []string{
				"request body Invalid query filter format",
				"request body Invalid query filter format",
				"request body Invalid query filter format",
			},
		},
		{
			name: "queryFilter after the property errors of its object",
			req:  updateOrganization,
			body: `{"description":{"$where":"1"}}`,
			want: []string{
				"request body must be string",
				"request body Invalid query filter format",
			},
		},
		{
			name: "enum error after the early type error",
			req:  Request{Body: String().Enum("a")},
			body: `[]`,
			want: []string{"request body must be string", "request body must be equal to one of the allowed values"},
		},
		{
			name: "string keywords in AJV order",
			req:  Request{Body: String().Format(FormatEmail).Pattern("^x").MinLength(3).MaxLength(1)},
			body: `"ab"`,
			want: []string{
				"request body must NOT have more than 1 characters",
				"request body must NOT have fewer than 3 characters",
				`request body must match pattern "^x"`,
				`request body must match format "email"`,
			},
		},
		{
			name: "number keywords in AJV order",
			req:  Request{Body: Number().Minimum(10).Maximum(1).MultipleOf(3)},
			body: `5`,
			want: []string{"request body must be <= 1", "request body must be >= 10", "request body must be multiple of 3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, tt.req, bodyInput(t, tt.body), tt.want)
		})
	}
}

func TestBodyAccepted(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		body string
	}{
		{"create", createOrganization, `{"organization":{"name":"Org","description":"d","contact_email":"c@x.com","contact_phone":"123","logo":{"objectId":"3b241101-e2bb-4255-8caf-4136c566a962","type":"image/png"}},"ownerId":"o","parentId":"p"}`},
		{"owner update accepts {}", updateOrganization, `{}`},
		{"admin update accepts {}", adminUpdateOrganization, `{}`},
		{"admin update logo null", adminUpdateOrganization, `{"logo":null,"auditStatus":"approved"}`},
		{"free-form address keeps extra keys", adminUpdateOrganization, `{"address":{"city":"Tokyo","geo":{"lat":1}}}`},
		{"upsert members", upsertMembers, `[{"identityId":"a","role":"owner"}]`},
		{"register with email", register, `{"email":"a@b.co","password":"p"}`},
		{"register with token", register, `{"token":"t","password":"p"}`},
		{"login", login, `{"email":"a@b.co","password":"p","fingerprint":"f"}`},
		{"logout bearer", logoutBearer, `{"refreshToken":"r"}`},
		{"logout cookie", logoutCookie, `{}`},
		{"token check", tokenCheck, `{"token":"t"}`},
		{"change request", createChangeRequest, `{"name":"n","certifiedQualifications":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, tt.req, bodyInput(t, tt.body), nil)
		})
	}
	// additional keys of the free-form object survive validation
	body := check(t, adminUpdateOrganization, bodyInput(t, `{"address":{"city":"Tokyo","zip":1}}`), nil)
	want := decode(t, `{"address":{"city":"Tokyo","zip":1}}`)
	if !reflect.DeepEqual(body, want) {
		t.Errorf("free-form object changed: %v", body)
	}
	check(t, logoutCookie, bodyInput(t, `{"refreshToken":"r"}`), []string{"request body must NOT have additional properties"})
}

func TestBodyOnlyForBodyMethods(t *testing.T) {
	v := MustCompile(updateOrganization)
	in := Input{Path: pathValues("organizationId", "o1"), Body: decode(t, `{"x":1}`)}
	body, msgs := v.Validate(in)
	if len(msgs) != 0 || !reflect.DeepEqual(body, in.Body) {
		t.Errorf("GET-like request: body %v msgs %q", body, msgs)
	}
	in.HasBody, in.Body = true, nil
	body, msgs = v.Validate(in)
	if len(msgs) != 0 || !reflect.DeepEqual(body, map[string]any{}) {
		t.Errorf("nil body must be validated as {}: body %v msgs %q", body, msgs)
	}
	// A route without body schema does not validate the body.
	body, msgs = MustCompile(getOrganization).Validate(Input{
		Path: pathValues("organizationId", "o1"), HasBody: true, Body: "anything"})
	if len(msgs) != 0 || body != "anything" {
		t.Errorf("no body schema: body %v msgs %q", body, msgs)
	}
}

func TestParamsBeforeBody(t *testing.T) {
	check(t, updateOrganization, Input{
		RawQuery: "x=1", HasBody: true, Body: decode(t, `{"branchName":1,"y":2}`),
	}, []string{
		"query parameter 'x' is not allowed",
		"path parameter 'organizationId' is required",
		"request body must NOT have additional properties",
	})
}

func TestDefaults(t *testing.T) {
	req := Request{Body: Object(
		Prop("status", String().Default("active")),
		Prop("tags", Array(String()).Default([]any{"a"})),
		Prop("name", String()),
	).Required("status")}
	v := MustCompile(req)
	in := decode(t, `{"name":"n"}`)
	body, msgs := v.Validate(Input{Body: in, HasBody: true})
	if len(msgs) != 0 {
		t.Fatalf("defaults must satisfy required: %q", msgs)
	}
	want := decode(t, `{"status":"active","tags":["a"],"name":"n"}`)
	if !reflect.DeepEqual(body, want) {
		t.Errorf("got %v, want %v", body, want)
	}
	if !reflect.DeepEqual(in, decode(t, `{"name":"n"}`)) {
		t.Errorf("input mutated: %v", in)
	}
	// Defaults are fresh copies.
	body.(map[string]any)["tags"].([]any)[0] = "changed"
	body2, _ := v.Validate(Input{Body: decode(t, `{}`), HasBody: true})
	if got := body2.(map[string]any)["tags"].([]any)[0]; got != "a" {
		t.Errorf("default shared between requests: %v", got)
	}
	// Defaults are ignored inside oneOf (AJV compositeRule).
	b, _ := MustCompile(Request{Body: OneOf(Object(Prop("a", String().Default("x"))))}).
		Validate(Input{Body: decode(t, `{}`), HasBody: true})
	if !reflect.DeepEqual(b, map[string]any{}) {
		t.Errorf("default applied inside oneOf: %v", b)
	}
}

func TestConcurrentUse(t *testing.T) {
	v := MustCompile(createOrganization)
	in := bodyInput(t, `{"organization":{"name":"","description":null,"contact_email":"a@b.co","contact_phone":1},"ownerId":"o"}`)
	want := []string{"request body must NOT have fewer than 1 characters"}
	done := make(chan bool)
	for range 8 {
		go func() {
			ok := true
			for range 200 {
				_, got := v.Validate(in)
				ok = ok && reflect.DeepEqual(got, want)
			}
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Error("concurrent validation gave different results")
		}
	}
}

func TestPatternAndAdditionalSchemas(t *testing.T) {
	req := Request{Body: MustParse(`{
		"type": "object",
		"properties": {"id": {"type": "string"}},
		"patternProperties": {"^n_": {"type": "number", "maximum": 10}},
		"additionalProperties": {"type": "string", "minLength": 2}
	}`)}
	body := check(t, req, bodyInput(t, `{"id":1,"n_a":"5","n_b":"11","zz":3,"y":true}`), []string{
		"request body must NOT have fewer than 2 characters", // y → "true" is fine; zz → "3" is too short
		"request body must be <= 10",
	})
	want := decode(t, `{"id":"1","n_a":5,"n_b":11,"zz":"3","y":"true"}`)
	if !reflect.DeepEqual(body, want) {
		t.Errorf("got %v, want %v", body, want)
	}
}

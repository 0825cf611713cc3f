package model_test

import (
	"encoding/json"
	"testing"

	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
)

const uuid1 = "3f2b8a4e-9c1d-4e7a-8b5f-2d6c9e0a1b7c"

type pathValues map[string]string

func (p pathValues) PathValue(name string) string { return p[name] }

var teamParams = []schema.Param{
	{Name: "orgId", In: schema.Path, Schema: schema.String().Format(schema.FormatUUID)},
	{Name: "notify", In: schema.Query, Schema: schema.Boolean()},
}

func compileTeam(t *testing.T, mode schema.Mode) *schema.Validator {
	t.Helper()
	req := *model.Body[team](teamParams...)
	req.Mode = mode
	v, err := schema.Compile(req)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTeamProblems validates bodies against the schema derived from the
// team model, in the Strict mode of model.Body, and pins the exact
// problem list of each, and the body handed on (defaults inserted).
func TestTeamProblems(t *testing.T) {
	v := compileTeam(t, schema.Strict)
	for _, tc := range []struct {
		name, body string
		query      string
		wantBody   string // the validated body, when valid
		want       string // the problems, as JSON
	}{
		{
			name:     "minimal body gets its defaults",
			body:     `{"name":"Acme","email":"ops@acme.io","members":[{"userId":"` + uuid1 + `"}]}`,
			wantBody: `{"email":"ops@acme.io","members":[{"role":"member","userId":"` + uuid1 + `"}],"name":"Acme","plan":"free","seats":5}`,
		},
		{
			name: "full body is kept as sent",
			body: `{"name":"Acme","email":"ops@acme.io","website":"https://acme.io","seats":12,"plan":"pro","priority":2,` +
				`"tags":["a","b"],"members":[{"userId":"` + uuid1 + `","role":"admin"}],"description":"","startsAt":"2026-01-31T09:00:00Z"}`,
			query:    "notify=true",
			wantBody: `{"description":"","email":"ops@acme.io","members":[{"role":"admin","userId":"` + uuid1 + `"}],"name":"Acme","plan":"pro","priority":2,"seats":12,"startsAt":"2026-01-31T09:00:00Z","tags":["a","b"],"website":"https://acme.io"}`,
		},
		{
			name: "empty body",
			body: `{}`,
			want: `[{"location":"body.name","rule":"required","message":"is required"},` +
				`{"location":"body.email","rule":"required","message":"is required"},` +
				`{"location":"body.members","rule":"required","message":"is required"}]`,
		},
		{
			name: "every rule broken once, in declaration order",
			body: `{"extra":1,"members":[{"userId":"u1"},{"userId":"` + uuid1 + `","role":"owner"},{"role":"admin"}],` +
				`"tags":["","x","y","z"],"priority":4,"plan":"gold","seats":0,"email":"nope","name":"A","website":"acme","startsAt":"tomorrow"}`,
			want: `[{"location":"body.name","rule":"minLength","message":"must be at least 2 characters","accepted":2},` +
				`{"location":"body.email","rule":"format","message":"must be an email address","accepted":"email"},` +
				`{"location":"body.website","rule":"format","message":"must be an absolute URL","accepted":"uri"},` +
				`{"location":"body.seats","rule":"minimum","message":"must be \u003e= 1","accepted":1},` +
				`{"location":"body.plan","rule":"enum","message":"must be one of: free, pro, enterprise","accepted":["free","pro","enterprise"]},` +
				`{"location":"body.priority","rule":"enum","message":"must be one of: 1, 2, 3","accepted":[1,2,3]},` +
				`{"location":"body.tags","rule":"maxItems","message":"must have at most 3 items","accepted":3},` +
				`{"location":"body.tags[0]","rule":"minLength","message":"must be at least 1 character","accepted":1},` +
				`{"location":"body.members[0].userId","rule":"format","message":"must be a UUID","accepted":"uuid"},` +
				`{"location":"body.members[1].role","rule":"enum","message":"must be one of: admin, member","accepted":["admin","member"]},` +
				`{"location":"body.members[2].userId","rule":"required","message":"is required"},` +
				`{"location":"body.startsAt","rule":"format","message":"must be a date-time (RFC 3339, e.g. 2024-01-31T09:00:00Z)","accepted":"date-time"},` +
				`{"location":"body.extra","rule":"unknown","message":"is not allowed"}]`,
		},
		{
			name: "types are not coerced",
			body: `{"name":7,"email":"ops@acme.io","seats":"7","members":{"userId":"` + uuid1 + `"}}`,
			want: `[{"location":"body.name","rule":"type","message":"must be a string","accepted":"string"},` +
				`{"location":"body.seats","rule":"type","message":"must be an integer","accepted":"integer"},` +
				`{"location":"body.members","rule":"type","message":"must be an array","accepted":"array"}]`,
		},
		{
			name: "a fraction is not an integer; bounds are inclusive",
			body: `{"name":"Acme","email":"ops@acme.io","seats":500.5,"members":[{"userId":"` + uuid1 + `"}]}`,
			want: `[{"location":"body.seats","rule":"type","message":"must be an integer","accepted":"integer"}]`,
		},
		{
			name: "the body is not an object",
			body: `[1]`,
			want: `[{"location":"body","rule":"type","message":"must be an object","accepted":"object"}]`,
		},
		{
			name:  "unknown and bad query parameters, bad path parameter",
			body:  `{"name":"Acme","email":"ops@acme.io","members":[{"userId":"` + uuid1 + `"}],"seats":501}`,
			query: "x=1&notify=maybe",
			want: `[{"location":"query.x","rule":"unknown","message":"is not allowed"},` +
				`{"location":"path.orgId","rule":"format","message":"must be a UUID","accepted":"uuid"},` +
				`{"location":"query.notify","rule":"type","message":"must be a boolean","accepted":"boolean"},` +
				`{"location":"body.seats","rule":"maximum","message":"must be \u003c= 500","accepted":500}]`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orgID := uuid1
			if tc.name == "unknown and bad query parameters, bad path parameter" {
				orgID = "acme"
			}
			body, _, problems := v.Check(schema.Input{Path: pathValues{"orgId": orgID}, RawQuery: tc.query, Body: decode(tc.body), HasBody: true})
			if tc.want == "" {
				if len(problems) > 0 {
					t.Fatalf("unexpected problems %s", jsonText(t, problems))
				}
				if got := jsonText(t, body); got != tc.wantBody {
					t.Errorf("body\n got %s\nwant %s", got, tc.wantBody)
				}
				return
			}
			if got := jsonText(t, problems); got != tc.want {
				t.Errorf("problems\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestStrictVersusCoerce: the same body is refused by Strict and read by
// Coerce, which turns "7" into 7 and says that it coerced.
func TestStrictVersusCoerce(t *testing.T) {
	body := `{"name":"Acme","email":"ops@acme.io","seats":"7","priority":"2","members":[{"userId":"` + uuid1 + `"}]}`
	in := schema.Input{Path: pathValues{"orgId": uuid1}, Body: decode(body), HasBody: true}

	_, _, problems := compileTeam(t, schema.Strict).Check(in)
	want := `[{"location":"body.seats","rule":"type","message":"must be an integer","accepted":"integer"},` +
		`{"location":"body.priority","rule":"type","message":"must be an integer","accepted":"integer"}]`
	if got := jsonText(t, problems); got != want {
		t.Errorf("strict problems\n got %s\nwant %s", got, want)
	}

	got, changes, problems := compileTeam(t, schema.Coerce).Check(in)
	if len(problems) > 0 {
		t.Fatalf("coerce problems %s", jsonText(t, problems))
	}
	if changes&schema.Coerced == 0 {
		t.Error("Coerce did not report the coercion")
	}
	wantBody := `{"email":"ops@acme.io","members":[{"role":"member","userId":"` + uuid1 + `"}],"name":"Acme","plan":"free","priority":2,"seats":7}`
	if s := jsonText(t, got); s != wantBody {
		t.Errorf("coerced body\n got %s\nwant %s", s, wantBody)
	}
	// The caller's body is never modified.
	if s := jsonText(t, in.Body); s != jsonText(t, decode(body)) {
		t.Errorf("Check modified its input: %s", s)
	}
	// Coerce still refuses what AJV cannot coerce.
	in.Body = decode(`{"name":"Acme","email":"ops@acme.io","seats":"seven","members":[{"userId":"` + uuid1 + `"}]}`)
	_, _, problems = compileTeam(t, schema.Coerce).Check(in)
	if got := jsonText(t, problems); got != `[{"location":"body.seats","rule":"type","message":"must be an integer","accepted":"integer"}]` {
		t.Errorf("coerce problems %s", got)
	}
}

// TestPatchSchema: every top-level field is optional and no top-level
// default is inserted; a nested member is still whole.
func TestPatchSchema(t *testing.T) {
	v, err := schema.Compile(*model.PatchBody[team]())
	if err != nil {
		t.Fatal(err)
	}
	body, _, problems := v.Check(schema.Input{Body: decode(`{"seats":9}`), HasBody: true})
	if len(problems) > 0 || jsonText(t, body) != `{"seats":9}` {
		t.Errorf("patch {seats:9}: body %s, problems %s", jsonText(t, body), jsonText(t, problems))
	}
	body, _, problems = v.Check(schema.Input{Body: decode(`{"members":[{"userId":"` + uuid1 + `"},{}]}`), HasBody: true})
	want := `[{"location":"body.members[1].userId","rule":"required","message":"is required"}]`
	if got := jsonText(t, problems); got != want {
		t.Errorf("patch members: problems %s, want %s (body %s)", got, want, jsonText(t, body))
	}
}

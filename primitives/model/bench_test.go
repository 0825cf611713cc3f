package model_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// builtTeam is the team model's body schema written with the schema
// builder, keyword for keyword what Derive gives.
var builtTeam = schema.Object(
	schema.Prop("name", schema.String().MinLength(2).MaxLength(50).Description("Display name.")),
	schema.Prop("email", schema.String().Format(schema.FormatEmail)),
	schema.Prop("website", schema.String().Format("uri")),
	schema.Prop("seats", schema.Integer().Minimum(1).Maximum(500).Default(5)),
	schema.Prop("plan", schema.String().Enum("free", "pro", "enterprise").Default("free")),
	schema.Prop("priority", schema.Integer().Enum(1, 2, 3)),
	schema.Prop("tags", schema.Array(schema.String().MinLength(1).MaxLength(20)).MaxItems(3)),
	schema.Prop("members", schema.Array(schema.Object(
		schema.Prop("userId", schema.String().MinLength(1).Format(schema.FormatUUID).Description("The member's user id.")),
		schema.Prop("role", schema.String().Enum("admin", "member").Description("What the member may do.").Default("member")),
	).Required("userId").AdditionalProperties(false)).MinItems(1).MaxItems(20)),
	schema.Prop("description", schema.String().MaxLength(200)),
	schema.Prop("startsAt", schema.String().Format("date-time")),
).Required("name", "email", "members").AdditionalProperties(false)

func TestBuiltTeamIsTheDerivedSchema(t *testing.T) {
	s, err := model.Derive(reflect.TypeFor[team](), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.String() != builtTeam.String() {
		t.Fatalf("derived %s\nbuilt   %s", s, builtTeam)
	}
}

const benchBody = `{"name":"Acme","email":"ops@acme.io","website":"https://acme.io","seats":12,"plan":"pro","priority":2,` +
	`"tags":["a","b"],"members":[{"userId":"` + uuid1 + `","role":"admin"},{"userId":"` + uuid1 + `"}],"startsAt":"2026-01-31T09:00:00Z"}`

// BenchmarkValidate validates one valid team body: against the schema
// derived from the struct (model.Body's Strict mode, Check), and against
// the equivalent builder schema in the reference's AJV mode (Validate) and
// in the Strict mode.
func BenchmarkValidate(b *testing.B) {
	derived := schema.MustCompile(*model.Body[team]())
	ajv := schema.MustCompile(schema.Request{Body: builtTeam})
	strict := schema.MustCompile(schema.Request{Body: builtTeam, Mode: schema.Strict})
	body := decode(benchBody)
	in := schema.Input{Body: body, HasBody: true}
	b.Run("derived/strict", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, p := derived.Check(in); len(p) > 0 {
				b.Fatal(p)
			}
		}
	})
	b.Run("builder/ajv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, m := ajv.Validate(in); len(m) > 0 {
				b.Fatal(m)
			}
		}
	})
	b.Run("builder/strict", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, p := strict.Check(in); len(p) > 0 {
				b.Fatal(p)
			}
		}
	})
}

// BenchmarkCreate serves one POST through the router: model.Body and
// model.Bind (raw body decoded once) against the builder schema in AJV
// mode and primitives.Bind (decoded body re-encoded and decoded).
func BenchmarkCreate(b *testing.B) {
	ok := terminators.JSON(http.StatusOK, nil)
	count := func(tm team) mo.Result[int] { return mo.Ok(len(tm.Members)) }
	derived := primitives.Route{Name: "derived", Method: http.MethodPost, Path: "/derived",
		Schema: model.Body[team](),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[int] {
			return primitives.Then(model.Bind[team](r), count)
		}, ok)}
	built := primitives.Route{Name: "built", Method: http.MethodPost, Path: "/built",
		Schema: &schema.Request{Body: builtTeam},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[int] {
			return primitives.Then(primitives.Bind[team](r), count)
		}, ok)}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(context.Background(), derived, built)
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{"/derived", "/built"} {
		b.Run(strings.TrimPrefix(path, "/"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(benchBody))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code, w.Body.String())
				}
			}
		})
	}
}

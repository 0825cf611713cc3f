package model_test

import (
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

// storedTeam is a team as the test routes store it.
type storedTeam struct {
	ID    string `bson:"id" json:"id"`
	OrgID string `bson:"orgId" json:"orgId"`
	Team  team   `bson:"team" json:"team"`
}

// signup has a cross-field rule, which validator/v10 checks after the
// schema.
type signup struct {
	Email    string `json:"email" validate:"email"`
	Password string `json:"password" validate:"min=8,max=72"`
	Confirm  string `json:"confirm" validate:"eqfield=Password"`
}

// note has defaults in top-level fields only: Bind decodes the raw body
// over a template holding them.
type note struct {
	Title  string `json:"title" validate:"min=1"`
	Status string `json:"status" validate:"oneof=draft published" default:"draft"`
	Stars  int    `json:"stars" validate:"gte=0,lte=5" default:"3"`
}

// teamService mounts the routes of the team model on a real database.
func teamService(t *testing.T) (*blockyardtest.Client, *mongo.Collection) {
	t.Helper()
	coll := blockyardtest.Database(t).Collection("teams")
	create := primitives.Route{
		Name: "createTeam", Method: http.MethodPost, Path: "/orgs/{orgId}/teams",
		Schema: model.Body[team](teamParams...),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[storedTeam] {
			return primitives.Then(model.Bind[team](r), func(tm team) mo.Result[storedTeam] {
				doc := storedTeam{ID: r.Service.ID(), OrgID: r.PathValue("orgId"), Team: tm}
				if _, err := coll.InsertOne(r.Context(), doc); err != nil {
					return mo.Err[storedTeam](err)
				}
				return mo.Ok(doc)
			})
		}, terminators.JSON(http.StatusCreated, nil)),
	}
	update := primitives.Route{
		Name: "updateTeam", Method: http.MethodPatch, Path: "/teams/{id}",
		Schema: model.PatchBody[team](schema.Param{Name: "id", In: schema.Path, Schema: schema.String()}),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[model.Patch[team]] {
			return model.BindPatch[team](r)
		}, terminators.JSON(http.StatusOK, nil)),
	}
	register := primitives.Route{
		Name: "signup", Method: http.MethodPost, Path: "/signup",
		Schema: model.Body[signup](),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[signup] {
			return model.Bind[signup](r)
		}, terminators.JSON(http.StatusOK, nil)),
	}
	createNote := primitives.Route{
		Name: "createNote", Method: http.MethodPost, Path: "/notes",
		Schema: model.Body[note](),
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[note] {
			return model.Bind[note](r)
		}, terminators.JSON(http.StatusOK, nil)),
	}
	svc := &primitives.Service{Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(context.Background(), create, update, register, createNote)
	if err != nil {
		t.Fatal(err)
	}
	return blockyardtest.NewClient(t, h), coll
}

// problemsOf checks a 400 "Validation Error" and returns its data as
// JSON text.
func problemsOf(t *testing.T, r *blockyardtest.Response) string {
	t.Helper()
	r.ExpectError(t, http.StatusBadRequest, "Validation Error")
	var env struct {
		Error struct {
			Data []schema.Problem `json:"data"`
		} `json:"error"`
	}
	r.JSON(t, &env)
	return jsonText(t, env.Error.Data)
}

func TestBodyOverHTTP(t *testing.T) {
	c, coll := teamService(t)
	ctx := context.Background()

	got := problemsOf(t, c.Post("/orgs/"+uuid1+"/teams?x=1", `{"name":"A","email":"nope","members":[{"userId":"`+uuid1+`","role":"owner"}]}`))
	want := `[{"location":"query.x","rule":"unknown","message":"is not allowed"},` +
		`{"location":"body.name","rule":"minLength","message":"must be at least 2 characters","accepted":2},` +
		`{"location":"body.email","rule":"format","message":"must be an email address","accepted":"email"},` +
		`{"location":"body.members[0].role","rule":"enum","message":"must be one of: admin, member","accepted":["admin","member"]}]`
	if got != want {
		t.Errorf("problems\n got %s\nwant %s", got, want)
	}
	if n, _ := coll.CountDocuments(ctx, bson.D{}); n != 0 {
		t.Fatalf("an invalid body was stored (%d documents)", n)
	}

	// A valid body is bound with its defaults, at every depth, and stored.
	var created storedTeam
	c.Post("/orgs/"+uuid1+"/teams?notify=true", `{"name":"Acme","email":"ops@acme.io","members":[{"userId":"`+uuid1+`"}]}`).
		ExpectStatus(t, http.StatusCreated).JSON(t, &created)
	var stored storedTeam
	if err := coll.FindOne(ctx, bson.D{{Key: "id", Value: created.ID}}).Decode(&stored); err != nil {
		t.Fatal(err)
	}
	if st := stored.Team; st.Seats != 5 || st.Plan != "free" || len(st.Members) != 1 || st.Members[0].Role != "member" || stored.OrgID != uuid1 {
		t.Errorf("stored %+v: defaults not bound", stored)
	}
	// A body without defaults to insert takes the raw path; the same value.
	c.Post("/orgs/"+uuid1+"/teams", `{"name":"Beta","email":"b@acme.io","seats":3,"plan":"pro","members":[{"userId":"`+uuid1+`","role":"admin"}]}`).
		ExpectStatus(t, http.StatusCreated).JSON(t, &created)
	if ct := created.Team; ct.Seats != 3 || ct.Plan != "pro" || ct.Members[0].Role != "admin" {
		t.Errorf("created %+v", created)
	}
	// A read-only field is refused (rule readOnly, not unknown), at any
	// depth, and nothing is stored; a valid body binds it zero.
	got = problemsOf(t, c.Post("/orgs/"+uuid1+"/teams", `{"id":"`+uuid1+`","name":"Acme","email":"ops@acme.io","members":[{"userId":"`+uuid1+`","addedAt":"2020-01-01T00:00:00Z"}]}`))
	if want := `[{"location":"body.id","rule":"readOnly","message":"is set by the server"},` +
		`{"location":"body.members[0].addedAt","rule":"readOnly","message":"is set by the server"}]`; got != want {
		t.Errorf("read-only problems\n got %s\nwant %s", got, want)
	}
	if n, _ := coll.CountDocuments(ctx, bson.D{}); n != 2 {
		t.Fatalf("%d documents stored, want 2 (a body with read-only fields was stored)", n)
	}
	if created.Team.ID != "" || created.Team.Members[0].AddedAt != "" {
		t.Errorf("bound read-only fields: %+v", created.Team)
	}
	// A body sent as another content type is a 415, not read as {} (the
	// reference's body parser) and answered with "required" problems.
	c.Post("/orgs/"+uuid1+"/teams", `{"name":"Gamma","email":"g@acme.io","members":[]}`, blockyardtest.WithHeader("Content-Type", "text/plain")).
		ExpectError(t, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
	if n, _ := coll.CountDocuments(ctx, bson.D{}); n != 2 {
		t.Fatalf("%d documents stored, want 2", n)
	}
	// A string where a number is declared is a problem (Strict).
	got = problemsOf(t, c.Post("/orgs/"+uuid1+"/teams", `{"name":"Acme","email":"ops@acme.io","seats":"7","members":[{"userId":"`+uuid1+`"}]}`))
	if want := `[{"location":"body.seats","rule":"type","message":"must be an integer","accepted":"integer"}]`; got != want {
		t.Errorf("strict problems\n got %s\nwant %s", got, want)
	}
}

func TestBindPatchOverHTTP(t *testing.T) {
	c, _ := teamService(t)
	var p struct {
		Value  map[string]any `json:"Value"`
		Fields []string       `json:"Fields"`
	}
	c.Patch("/teams/7", `{"seats":9,"name":"Renamed"}`).ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if jsonText(t, p.Fields) != `["name","seats"]` {
		t.Errorf("Fields = %v, want [name seats] (declaration order)", p.Fields)
	}
	// No default: plan stays empty, seats is what was sent.
	if p.Value["plan"] != "" || p.Value["seats"] != float64(9) || p.Value["name"] != "Renamed" {
		t.Errorf("Value = %v", p.Value)
	}
	got := problemsOf(t, c.Patch("/teams/7", `{"plan":"gold","bogus":true}`))
	want := `[{"location":"body.plan","rule":"enum","message":"must be one of: free, pro, enterprise","accepted":["free","pro","enterprise"]},` +
		`{"location":"body.bogus","rule":"unknown","message":"is not allowed"}]`
	if got != want {
		t.Errorf("problems\n got %s\nwant %s", got, want)
	}
	c.Patch("/teams/7", `{}`).ExpectStatus(t, http.StatusOK).JSON(t, &p)
	if len(p.Fields) != 0 {
		t.Errorf("empty patch: Fields = %v", p.Fields)
	}
}

func TestBindCrossField(t *testing.T) {
	c, _ := teamService(t)
	c.Post("/signup", `{"email":"a@b.io","password":"correct horse","confirm":"correct horse"}`).ExpectStatus(t, http.StatusOK)
	got := problemsOf(t, c.Post("/signup", `{"email":"a@b.io","password":"correct horse","confirm":"battery"}`))
	want := `[{"location":"body.confirm","rule":"eqfield","message":"must equal Password","accepted":"Password"}]`
	if got != want {
		t.Errorf("problems\n got %s\nwant %s", got, want)
	}
	// A route that declares no query parameter refuses every one.
	got = problemsOf(t, c.Post("/signup?ref=ad&utm=x", `{"email":"a@b.io","password":"correct horse","confirm":"correct horse"}`))
	want = `[{"location":"query.ref","rule":"unknown","message":"is not allowed"},{"location":"query.utm","rule":"unknown","message":"is not allowed"}]`
	if got != want {
		t.Errorf("problems\n got %s\nwant %s", got, want)
	}
	// The schema runs first: a short password never reaches validator/v10.
	got = problemsOf(t, c.Post("/signup", `{"email":"a@b.io","password":"short","confirm":"other"}`))
	if want := `[{"location":"body.password","rule":"minLength","message":"must be at least 8 characters","accepted":8}]`; got != want {
		t.Errorf("problems\n got %s\nwant %s", got, want)
	}
}

// TestBindDefaultsTemplate: defaults inserted in plain fields are bound
// from the raw body over the template, and a later body does not see an
// earlier one's values (the template is copied, never shared).
func TestBindDefaultsTemplate(t *testing.T) {
	c, _ := teamService(t)
	var n note
	c.Post("/notes", `{"title":"a"}`).ExpectStatus(t, http.StatusOK).JSON(t, &n)
	if n != (note{Title: "a", Status: "draft", Stars: 3}) {
		t.Errorf("defaults: %+v", n)
	}
	c.Post("/notes", `{"title":"b","status":"published","stars":5}`).ExpectStatus(t, http.StatusOK).JSON(t, &n)
	if n != (note{Title: "b", Status: "published", Stars: 5}) {
		t.Errorf("sent: %+v", n)
	}
	c.Post("/notes", `{"title":"c","stars":0}`).ExpectStatus(t, http.StatusOK).JSON(t, &n)
	if n != (note{Title: "c", Status: "draft", Stars: 0}) {
		t.Errorf("zero sent, default kept elsewhere: %+v", n)
	}
}

package primitives_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// thing is the handler's typed view of the body (after validation).
type thing struct {
	ID      string   `json:"id" bson:"id"`
	Name    string   `json:"name" bson:"name"`
	Phone   string   `json:"phone,omitempty" bson:"phone,omitempty"`
	Count   float64  `json:"count,omitempty" bson:"count,omitempty"`
	Active  bool     `json:"active,omitempty" bson:"active,omitempty"`
	Tags    []string `json:"tags,omitempty" bson:"tags,omitempty"`
	Address bson.M   `json:"address,omitempty" bson:"address,omitempty"`
}

var thingBody = schema.Object(
	schema.Prop("name", schema.String().MinLength(1)),
	schema.Prop("phone", schema.String()),
	schema.Prop("count", schema.Number()),
	schema.Prop("active", schema.Boolean()),
	schema.Prop("tags", schema.Array(schema.String())),
	schema.Prop("address", schema.Object().AdditionalProperties(true)),
).Required("name")

// insertThing is a block: explicit inputs, a Result out.
func insertThing(ctx context.Context, coll *mongo.Collection, t thing) mo.Result[thing] {
	if _, err := coll.InsertOne(ctx, t); err != nil {
		return mo.Err[thing](primitives.StatusError(500, "Failed to create thing").Wrap(err))
	}
	return mo.Ok(t)
}

func thingsService(t *testing.T) (*blockyardtest.Client, *mongo.Collection) {
	db := blockyardtest.Database(t)
	coll := db.Collection("things")
	create := primitives.Route{
		Name: "createThing", Method: http.MethodPost, Path: "/things",
		Validators: []primitives.Validator{requireHeader("X-Token")},
		Schema:     &schema.Request{Body: thingBody},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[thing] {
			body := primitives.Bind[thing](r)
			return primitives.Then(body, func(t thing) mo.Result[thing] {
				t.ID = r.Service.ID()
				return insertThing(r.Context(), coll, t)
			})
		}, terminators.JSON(http.StatusOK, nil)),
	}
	list := primitives.Route{
		Name: "listThings", Method: http.MethodGet, Path: "/things",
		Schema: &schema.Request{Params: []schema.Param{
			{Name: "name", In: schema.Query, Schema: schema.String().MinLength(1)},
			{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(1000)},
			{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
		}},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[primitives.Paged[thing]] {
			filter := bson.D{}
			if n := r.QueryValue("name"); n != "" {
				filter = append(filter, bson.E{Key: "name", Value: n})
			}
			return mo.TupleToResult(primitives.FindPage[thing](r.Context(), coll, filter, primitives.PageFromQuery(r.Query())))
		}, terminators.JSON(http.StatusOK, nil)),
	}
	get := primitives.Route{
		Name: "getThing", Method: http.MethodGet, Path: "/things/{id}",
		Schema: &schema.Request{Params: []schema.Param{
			{Name: "id", In: schema.Path, Schema: schema.String()},
			{Name: "verbose", In: schema.Query, Schema: schema.Boolean()},
		}},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[map[string]string] {
			// Query values reach the handler as the strings the client sent.
			return mo.Ok(map[string]string{"id": r.PathValue("id"), "verbose": r.QueryValue("verbose")})
		}, terminators.JSON(http.StatusOK, nil)),
	}
	return blockyardtest.NewClient(t, mount(t, &primitives.Service{}, create, list, get)), coll
}

func validationData(t *testing.T, r *blockyardtest.Response) []string {
	t.Helper()
	r.ExpectError(t, http.StatusBadRequest, "Validation Error")
	var env struct {
		Error struct {
			Data []string `json:"data"`
		} `json:"error"`
	}
	r.JSON(t, &env)
	return env.Error.Data
}

func TestValidatorsRunBeforeSchema(t *testing.T) {
	c, _ := thingsService(t)
	c.Post("/things", map[string]any{"nope": 1}).ExpectError(t, 401, "token could not be verified")
}

func TestValidationMessagesAndOrder(t *testing.T) {
	c, coll := thingsService(t)
	auth := blockyardtest.WithHeader("X-Token", "t")
	got := validationData(t, c.Post("/things", `{"zzz":1,"count":"many","tags":"x","extra":true}`, auth))
	want := []string{
		"request body must have required property 'name'",
		"request body must NOT have additional properties",
		"request body must NOT have additional properties",
		"request body must be number",
		"request body must be array",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("messages:\n got %q\nwant %q", got, want)
	}
	if n, _ := coll.CountDocuments(context.Background(), bson.D{}); n != 0 {
		t.Fatalf("an invalid body was stored (%d documents)", n)
	}
	got = validationData(t, c.Post("/things", `{"name":"","tags":["a",{"b":1}]}`, auth))
	want = []string{"request body must NOT have fewer than 1 characters", "request body must be string"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("nested messages:\n got %q\nwant %q", got, want)
	}
}

func TestQueryFilterGuard(t *testing.T) {
	c, _ := thingsService(t)
	auth := blockyardtest.WithHeader("X-Token", "t")
	got := validationData(t, c.Post("/things", `{"name":{"$where":"1"}}`, auth))
	want := []string{"request body must be string", "request body Invalid query filter format"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("messages:\n got %q\nwant %q", got, want)
	}
	// A free-form object keeps extra keys but is still guarded, once per level.
	got = validationData(t, c.Post("/things", `{"name":"a","address":{"city":{"$where":"1"}}}`, auth))
	want = []string{"request body Invalid query filter format", "request body Invalid query filter format"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("nested guard:\n got %q\nwant %q", got, want)
	}
	got = validationData(t, c.Get("/things?name[$regex]=.*"))
	if !reflect.DeepEqual(got, []string{"query parameter 'name' must be string"}) {
		t.Fatalf("query guard: %q", got)
	}
}

func TestBodyCoercionIsWhatGetsStored(t *testing.T) {
	c, coll := thingsService(t)
	r := c.Post("/things", `{"name":123,"phone":null,"count":"4.5","active":"true","tags":[1,true],"address":{"zip":75001}}`,
		blockyardtest.WithHeader("X-Token", "t")).ExpectStatus(t, 200)
	var got thing
	r.JSON(t, &got)
	var stored thing
	if err := coll.FindOne(context.Background(), bson.D{{Key: "id", Value: got.ID}}).Decode(&stored); err != nil {
		t.Fatal(err)
	}
	if stored.Name != "123" || stored.Count != 4.5 || !stored.Active || !reflect.DeepEqual(stored.Tags, []string{"1", "true"}) {
		t.Fatalf("stored %+v, want the coerced body", stored)
	}
	if stored.Address["zip"] == nil {
		t.Fatalf("free-form address lost its fields: %+v", stored.Address)
	}
}

func TestQueryCoercionAndUnknownParameters(t *testing.T) {
	c, _ := thingsService(t)
	var got map[string]string
	c.Get("/things/abc?verbose=true").ExpectStatus(t, 200).JSON(t, &got)
	if got["verbose"] != "true" || got["id"] != "abc" {
		t.Fatalf("got %v", got)
	}
	if d := validationData(t, c.Get("/things/abc?verbose=yes")); !reflect.DeepEqual(d, []string{"query parameter 'verbose' must be boolean"}) {
		t.Fatalf("verbose=yes: %q", d)
	}
	if d := validationData(t, c.Get("/things/abc?zeta=1&verbose=TRUE&alpha=2")); !reflect.DeepEqual(d, []string{
		"query parameter 'zeta' is not allowed", "query parameter 'alpha' is not allowed", "query parameter 'verbose' must be boolean",
	}) {
		t.Fatalf("unknown params: %q", d)
	}
	c.Get("/things?limit=2.0").ExpectStatus(t, 200)
	if d := validationData(t, c.Get("/things?limit=1.5&page=0")); !reflect.DeepEqual(d, []string{
		"query parameter 'page' must be >= 1", "query parameter 'limit' must be integer",
	}) {
		t.Fatalf("page/limit: %q", d)
	}
}

func TestFindPageOnARealDatabase(t *testing.T) {
	c, _ := thingsService(t)
	auth := blockyardtest.WithHeader("X-Token", "t")
	for i := range 12 {
		c.Post("/things", map[string]any{"name": "n", "count": i}, auth).ExpectStatus(t, 200)
	}
	c.Post("/things", map[string]any{"name": "other"}, auth).ExpectStatus(t, 200)

	var page primitives.Paged[thing]
	c.Get("/things?name=n&page=3&limit=5").ExpectStatus(t, 200).JSON(t, &page)
	if len(page.Data) != 2 || page.Metadata.Pagination != (primitives.Pagination{HasNext: false, HasPrev: true, Limit: 5, Page: 3, Total: 12, TotalPages: 3}) {
		t.Fatalf("page 3: %d items, %+v", len(page.Data), page.Metadata.Pagination)
	}
	r := c.Get("/things?name=n&page=5&limit=5").ExpectStatus(t, 200)
	want := `{"data":[],"metadata":{"pagination":{"hasNext":false,"hasPrev":true,"limit":5,"page":3,"total":12,"totalPages":3}}}`
	if string(r.Body) != want {
		t.Fatalf("clamped page:\n got %s\nwant %s", r.Body, want)
	}
	c.Get("/things").ExpectStatus(t, 200).JSON(t, &page)
	if len(page.Data) != 10 || page.Metadata.Pagination.Total != 13 || !page.Metadata.Pagination.HasNext {
		t.Fatalf("defaults: %d items, %+v", len(page.Data), page.Metadata.Pagination)
	}
}

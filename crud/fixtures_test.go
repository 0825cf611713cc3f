package crud_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/crud"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// TestMain stops the shared test database server after the package's tests.
func TestMain(m *testing.M) { blockyardtest.Main(m) }

// Organization is the spec's tenant table.
type Organization struct {
	Name string `json:"name" validate:"required,max=100"`
}

// Campus belongs to an organization.
type Campus struct {
	Name    string `json:"name" validate:"required,max=100"`
	Address string `json:"address,omitempty" validate:"omitempty,max=200"`
}

// Widget has a field of every filterable kind.
type Widget struct {
	Name   string   `json:"name" validate:"required,max=50"`
	Status string   `json:"status" validate:"required,oneof=draft live retired"`
	Count  int      `json:"count" validate:"omitempty,gte=0"`
	Price  float64  `json:"price" validate:"omitempty"`
	Active bool     `json:"active" validate:"omitempty"`
	Tags   []string `json:"tags,omitempty" validate:"omitempty,max=5"`
}

func campuses() *crud.Resource[Campus] {
	return &crud.Resource[Campus]{
		Name:       "campuses",
		ScopeField: "organizationId",
		Filters:    []crud.Filter{crud.Exact("id"), crud.Contains("name"), crud.Exact("organizationId")},
		Sortable:   []string{"name", "createdAt"},
		CSV:        []string{"id", "name", "address"},
		Label:      "name",
	}
}

func organizations(children ...crud.Relation) *crud.Resource[Organization] {
	return &crud.Resource[Organization]{
		Name:      "organizations",
		ScopeSelf: true,
		Filters:   []crud.Filter{crud.Exact("id"), crud.Contains("name")},
		Sortable:  []string{"name", "createdAt"},
		CSV:       []string{"id", "name"},
		Label:     "name",
		Relations: children,
		NotFound:  "organizationsNotFound",
		Validators: map[crud.RouteName][]primitives.Validator{
			crud.RouteDelete:      {crud.RequireRole("super_admin", "system_admin", "owner")},
			crud.RouteDeleteByIDs: {crud.RequireRole("super_admin", "system_admin", "owner")},
		},
	}
}

func widgets() *crud.Resource[Widget] {
	return &crud.Resource[Widget]{
		Name:       "widgets",
		ScopeField: "organizationId",
		Filters: []crud.Filter{
			crud.Exact("id"), crud.Contains("name"), crud.OneOf("status", "draft", "live", "retired"),
			crud.Range("countRange", "count"), crud.Range("priceRange", "price"), crud.Bool("active"),
			crud.Range("createdAtRange", "createdAt"),
		},
		Sortable: []string{"name", "count", "price", "createdAt"},
		CSV:      []string{"id", "name", "status", "count", "price", "active"},
		Label:    "name",
	}
}

// fixture is a mounted service with the test resources, and actors.
type fixture struct {
	DB                                *mongo.Database
	Service                           *primitives.Service
	Handler                           http.Handler
	Anon                              *blockyardtest.Client
	Admin                             *blockyardtest.Client
	AdminID                           string
	AdminToken                        string
	OrgA                              string // organization ids
	OrgB                              string
	ReaderRole, GlobalRole, OwnerRole string
}

var testConfig = nodeblocks.Config{
	AuthSecrets: nodeblocks.AuthSecrets{Enc: "crud-tests-enc-secret-0123456789", Sign: "crud-tests-sign-secret-0123456789"},
	IgnoreIP:    true,
}

func newFixture(t testing.TB, extra ...primitives.Mountable) *fixture {
	t.Helper()
	db := blockyardtest.Database(t)
	svc := &primitives.Service{DB: db, Settings: []any{testConfig}, Logger: testLogger()}
	camp := campuses()
	users := crud.Users()
	parts := []primitives.Mountable{
		organizations(crud.HasMany("campuses", camp, "organizationId"), crud.HasMany("users", users, "organizationId")).Feature(),
		camp.Feature(), widgets().Feature(), crud.Roles().Feature(), users.Feature(),
	}
	h, err := svc.Mount(t.Context(), append(parts, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{DB: db, Service: svc, Handler: h, Anon: blockyardtest.NewClient(t, h)}
	f.AdminID, f.AdminToken = f.identityToken(t, nodeblocks.Settings.Of(svc).IdentityTypes.Admin)
	f.Admin = f.Anon.With(blockyardtest.WithBearer(f.AdminToken))
	f.OrgA = f.insert(t, "organizations", bson.D{{Key: "name", Value: "Org A"}})
	f.OrgB = f.insert(t, "organizations", bson.D{{Key: "name", Value: "Org B"}})
	f.ReaderRole = f.insert(t, "roles", bson.D{{Key: "name", Value: "reader"}, {Key: "permissions", Value: bson.A{"READ_CAMPUSES", "READ_WIDGETS", "READ_ORGANIZATIONS"}}, {Key: "globalAccess", Value: false}})
	f.GlobalRole = f.insert(t, "roles", bson.D{{Key: "name", Value: "super_admin"}, {Key: "permissions", Value: all("CAMPUSES", "WIDGETS", "ORGANIZATIONS", "USERS", "ROLES")}, {Key: "globalAccess", Value: true}})
	f.OwnerRole = f.insert(t, "roles", bson.D{{Key: "name", Value: "owner"}, {Key: "permissions", Value: all("CAMPUSES", "WIDGETS", "ORGANIZATIONS", "USERS")}, {Key: "globalAccess", Value: false}})
	return f
}

func all(names ...string) bson.A {
	var out bson.A
	for _, n := range names {
		for _, op := range []string{"READ_", "CREATE_", "UPDATE_", "DELETE_"} {
			out = append(out, op+n)
		}
	}
	return out
}

// insert stores a live record directly and returns its id.
func (f *fixture) insert(t testing.TB, coll string, fields bson.D) string {
	t.Helper()
	id := uuid.NewString()
	now := blocks.Timestamp(time.Now())
	doc := append(bson.D{{Key: "id", Value: id}, {Key: "createdAt", Value: now}, {Key: "updatedAt", Value: now},
		{Key: "createdById", Value: "seed"}, {Key: "updatedById", Value: "seed"}, {Key: "deletedAt", Value: nil}}, fields...)
	if _, err := f.DB.Collection(coll).InsertOne(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	return id
}

// identity stores an identity of typeID and returns its id and a client
// with its access token.
func (f *fixture) identity(t testing.TB, typeID string) (string, *blockyardtest.Client) {
	t.Helper()
	id, token := f.identityToken(t, typeID)
	return id, f.Anon.With(blockyardtest.WithBearer(token))
}

// identityToken stores an identity of typeID and returns its id and an
// access token.
func (f *fixture) identityToken(t testing.TB, typeID string) (string, string) {
	t.Helper()
	id := uuid.NewString()
	doc := bson.D{
		{Key: "attempts", Value: 0}, {Key: "email", Value: id + "@example.com"}, {Key: "locked", Value: false},
		{Key: "password", Value: "x"}, {Key: "createdAt", Value: blocks.Timestamp(time.Now())},
		{Key: "id", Value: id}, {Key: "updatedAt", Value: blocks.Timestamp(time.Now())},
	}
	if typeID != "" {
		doc = append(doc, bson.E{Key: "typeId", Value: typeID})
	}
	if _, err := f.DB.Collection("identities").InsertOne(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	s := f.Service
	sess, err := blocks.StartSession(t.Context(), s.Collection(nodeblocks.Settings.Of(s).Collections.RefreshTokens), blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets),
		blocks.SessionRequest{IdentityID: id, Origin: blocks.Origin{IP: "192.0.2.1"}},
		blocks.TokenLifetimes{Access: time.Hour, Refresh: time.Hour}, time.Now()).Get()
	if err != nil {
		t.Fatal(err)
	}
	return id, sess.AccessToken
}

// user makes a regular identity that is a user of org with role (an id or
// "") and custom permissions.
func (f *fixture) user(t testing.TB, org, role string, custom ...string) *blockyardtest.Client {
	t.Helper()
	id, c := f.identity(t, nodeblocks.Settings.Of(f.Service).IdentityTypes.Regular)
	perms := bson.A{}
	for _, p := range custom {
		perms = append(perms, p)
	}
	f.insert(t, "users", bson.D{{Key: "identityId", Value: id}, {Key: "organizationId", Value: org}, {Key: "roleId", Value: role}, {Key: "customPermissions", Value: perms}})
	return c
}

// count counts stored documents of coll matching filter.
func (f *fixture) count(t testing.TB, coll string, filter bson.D) int64 {
	t.Helper()
	n, err := f.DB.Collection(coll).CountDocuments(t.Context(), filter)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// listResult is the answer of GET / and GET /count.
type listResult struct {
	Rows  []map[string]any `json:"rows"`
	Count int64            `json:"count"`
}

func list(t testing.TB, c *blockyardtest.Client, path string) listResult {
	t.Helper()
	var l listResult
	c.Get(path).ExpectStatus(t, http.StatusOK).JSON(t, &l)
	return l
}

func names(l listResult) []string {
	out := make([]string, len(l.Rows))
	for i, r := range l.Rows {
		out[i], _ = r["name"].(string)
	}
	return out
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// testLogger discards, unless CRUD_TEST_LOG is set.
func testLogger() *slog.Logger {
	if os.Getenv("CRUD_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}

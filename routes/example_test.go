package routes_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/internal/embeddeddb"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/routes"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// memberCount is a host app's own response: an organization's id, name and
// number of members.
type memberCount struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Members int    `json:"members"`
}

// A host app mounts library routes next to a route of its own that reuses
// the library's validators and blocks. The library routes bring their
// schema and setup; this one needs neither (its only input is the path).
func Example() {
	ctx := context.Background()
	db, stop := exampleDatabase()
	defer stop()

	orgID := validators.PathValue("organizationId")
	count := primitives.Route{
		Name:   "countMembers",
		Method: http.MethodGet,
		Path:   "/organizations/{organizationId}/member-count",
		Validators: []primitives.Validator{
			validators.IsAuthenticated,
			validators.Some(validators.CheckIdentityType(validators.TypeAdmin), validators.HasOrgRole(orgID, blocks.RoleOwner)),
		},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[memberCount] {
			// The organization the validators loaded is reused, not fetched again.
			return primitives.Map(validators.Organization(r, orgID), func(o *blocks.Organization) memberCount {
				return memberCount{ID: o.ID, Name: o.Name, Members: len(o.Members)}
			})
		}, terminators.JSON(http.StatusOK, nil)),
	}

	ids := 0
	svc := &primitives.Service{
		DB:       db,
		Logger:   slog.New(slog.DiscardHandler),
		NewID:    func() string { ids++; return fmt.Sprintf("id-%d", ids) }, // deterministic ids for the output below
		Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: "an-encryption-secret-of-18+-chars", Sign: "a-signing-secret-of-18+-characters"}}},
	}
	api, err := svc.Mount(ctx, routes.Login, routes.CreateOrganization, count)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := features.EnsureAdmin(ctx, svc, "admin@example.com", "correct horse battery staple"); err != nil {
		log.Fatal(err)
	}

	send := func(method, path, token, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		return rec
	}
	var session struct{ AccessToken string }
	_ = json.Unmarshal(send(http.MethodPost, "/auth/login", "", `{"email":"admin@example.com","password":"correct horse battery staple"}`).Body.Bytes(), &session)
	created := send(http.MethodPost, "/organizations", session.AccessToken,
		`{"organization":{"name":"Acme","description":"Anvils","contact_email":"hello@acme.example"},"ownerId":"id-1"}`)
	fmt.Println(created.Code)
	res := send(http.MethodGet, "/organizations/id-2/member-count", session.AccessToken, "")
	fmt.Println(res.Code, res.Body.String())
	res = send(http.MethodGet, "/organizations/id-9/member-count", session.AccessToken, "")
	fmt.Println(res.Code, res.Body.String())
	// Output:
	// 200
	// 200 {"id":"id-2","name":"Acme","members":1}
	// 404 {"error":{"message":"Organization not found"}}
}

// exampleDatabase starts a throw-away FerretDB in the process for the
// examples; a host app connects to its MongoDB instead
// (mongo.Connect(options.Client().ApplyURI(uri))).
func exampleDatabase() (db *mongo.Database, stop func()) {
	db, stopDB, err := embeddeddb.TempDatabase("app")
	if err != nil {
		log.Fatal(err)
	}
	return db, func() { _ = stopDB() }
}

// The README's route, kept compiling here: a custom block composed with the
// library's validators and blocks.
var kindBadName = primitives.NewKind("BadName", primitives.KindBlock)

// CheckName is a block: explicit inputs, a Result out, no HTTP.
func CheckName(name string) mo.Result[string] {
	if name == "" || len(name) > 20 {
		return mo.Err[string](primitives.NewError(kindBadName, "Invalid name"))
	}
	return mo.Ok(name)
}

func Example_writeABlock() {
	orgID := validators.PathValue("organizationId")
	renameOrganization := primitives.Route{
		Method: http.MethodPost,
		Path:   "/organizations/{organizationId}/rename/{name}",
		Validators: []primitives.Validator{
			validators.IsAuthenticated,
			validators.Some(validators.CheckIdentityType(validators.TypeAdmin), validators.HasOrgRole(orgID, blocks.RoleOwner)),
		},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Organization] {
			// The blocks, in order: the first error short-circuits the rest.
			return primitives.Then(CheckName(r.PathValue("name")), func(name string) mo.Result[*blocks.Organization] {
				return blocks.UpdateOrganization(r.Context(), nodeblocks.Organizations(r.Service), r.PathValue("organizationId"),
					blocks.OrganizationFields{Name: &name}, r.Service.Now())
			})
		}, terminators.JSON(http.StatusOK, primitives.ErrorMap{{Kind: kindBadName, Status: 400}})),
	}
	_ = renameOrganization
}

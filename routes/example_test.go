package routes_test

import (
	"context"
	"log"
	"net/http"

	"github.com/blockyard/blockyard/blocks"
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

// A host app mounts a library route next to a route of its own that reuses
// the library's validators and blocks. The library route brings its schema
// and setup; this one needs neither (its only input is the path).
func Example() {
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

	var db *mongo.Database // the app's database
	svc := &primitives.Service{DB: db, Auth: blocks.TokenAuthenticator{}}
	api, err := svc.Mount(context.Background(), routes.GetOrganization, count)
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/api/", http.StripPrefix("/api", api))
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

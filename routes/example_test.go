package routes_test

import (
	"context"
	"log"
	"net/http"

	"github.com/blockyard/blockyard/blocks"
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
// the library's validators and blocks. (No schema is attached here: package
// features pairs routes with their schemas.)
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
		}, terminators.JSON[memberCount](http.StatusOK, nil)),
	}

	var db *mongo.Database // the app's database
	svc := &primitives.Service{DB: db, Auth: blocks.TokenAuthenticator{}}
	api, err := svc.Mount(context.Background(), routes.GetOrganization, count)
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/api/", http.StripPrefix("/api", api))
}

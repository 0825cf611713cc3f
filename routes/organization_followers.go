package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// ListFollowers (GET /organizations/{organizationId}/followers?page&limit,
// system admins and owners) answers a page of the profiles following the
// organization as {avatar?, id, name}. Unlike the reference, which
// rejected page and limit and always answered the first 10, any page can
// be asked for.
var ListFollowers = primitives.Route{
	Name:   "getOrganizationFollowers",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/followers",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema: &schema.Request{Params: paged(pathParam("organizationId"))},
	// FileStorageServiceError is left unmapped, as in the reference (500
	// with "data": []).
	Handler: primitives.Handle(listFollowers, terminators.JSON(http.StatusOK, primitives.ErrorMap{
		{Kind: blocks.KindOrganizationDB, Status: http.StatusInternalServerError},
		{Kind: blocks.KindAvatarBlock, Status: http.StatusInternalServerError},
		{Kind: blocks.KindProfileDB, Status: http.StatusInternalServerError},
	})),
	Setup: []*primitives.Setup{SetupOrganizations, SetupProfiles},
}

func listFollowers(r *primitives.Request) mo.Result[primitives.Paged[blocks.Follower]] {
	ctx := r.Context()
	found := primitives.Then(addressedOrganization(r), func(org *blocks.Organization) mo.Result[primitives.Paged[*blocks.Profile]] {
		return blocks.FindFollowers(ctx, nodeblocks.Profiles(r.Service), org.ID, primitives.PageFromQuery(r.Query()))
	})
	return primitives.MapPage(found, func(profiles []*blocks.Profile) mo.Result[[]blocks.Follower] {
		return blocks.NormalizeFollowers(ctx, r.Service.Files, profiles)
	})
}

package routes

import (
	"net/http"
	"strings"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// ListOrganizationsForMember (GET /organizations/members/{identityId},
// system admins and the identity itself) answers 200 with a bare array of
// {member: {inheritedFrom, role}, organization}. ?roles=a,b keeps direct
// roles among those; ?includeInherited=true|false adds descendants with
// inherited roles; page/limit select a page.
var ListOrganizationsForMember = primitives.Route{
	Name:   "listOrganizationsForMember",
	Method: http.MethodGet,
	Path:   "/organizations/members/{identityId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(validators.IsSelf(orgMemberIDPath)),
	},
	Schema: &schema.Request{
		Params: paged(
			pathParam("identityId"),
			schema.Param{Name: "roles", In: schema.Query, Schema: schema.String()},
			schema.Param{Name: "includeInherited", In: schema.Query, Schema: schema.Boolean()},
		),
	},
	Handler: primitives.Handle(listOrganizationsForMember, terminators.JSON(http.StatusOK, orgMemberRoleErrors)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func listOrganizationsForMember(r *primitives.Request) mo.Result[[]blocks.Membership] {
	q := blocks.MembershipQuery{
		IdentityID:       orgMemberIDPath(r),
		IncludeInherited: r.QueryValue("includeInherited") == "true",
		Page:             orgRequestedPage(r),
	}
	if roles := orgQueryString(r, "roles"); roles != nil {
		for _, role := range strings.Split(*roles, ",") {
			q.Roles = append(q.Roles, strings.TrimSpace(role))
		}
	}
	return blocks.FindOrganizationsForMember(r.Context(), nodeblocks.Organizations(r.Service), r.Service.Files, q, orgRoles(r))
}

// ListOrganizationDescendants (GET
// /organizations/{organizationId}/descendants?depth&page&limit, system
// admins, owners and org admins) answers 200 with a page of the
// organizations below, as stored; ?depth=n (a whole number ≥ 1, 400
// otherwise) keeps those at most n levels below; 404 "Organization not
// found".
var ListOrganizationDescendants = primitives.Route{
	Name:   "listOrganizationDescendants",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/descendants",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner, blocks.RoleAdmin)),
	},
	Schema: &schema.Request{
		Params: paged(
			pathParam("organizationId"),
			schema.Param{Name: "depth", In: schema.Query, Schema: schema.Number().Minimum(1)},
		),
	},
	Handler: primitives.Handle(listOrganizationDescendants, terminators.JSON(http.StatusOK, primitives.ErrorMap{
		{Kind: blocks.KindOrganizationInvalidQuery, Status: http.StatusBadRequest},
		{Kind: blocks.KindOrganizationDB, Status: http.StatusInternalServerError},
	})),
	Setup: []*primitives.Setup{SetupOrganizations},
}

func listOrganizationDescendants(r *primitives.Request) mo.Result[primitives.Paged[*blocks.Organization]] {
	o, err := addressedOrganization(r).Get()
	if err != nil {
		return mo.Err[primitives.Paged[*blocks.Organization]](err)
	}
	f, err := blocks.BuildDescendantsQuery(o, r.QueryValue("depth")).Get()
	if err != nil {
		return mo.Err[primitives.Paged[*blocks.Organization]](err)
	}
	return blocks.FindDescendants(r.Context(), nodeblocks.Organizations(r.Service), f, primitives.PageFromQuery(r.Query()))
}

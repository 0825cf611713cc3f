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

// GetOrganizationMemberRole (GET
// /organizations/{organizationId}/members/{identityId}/role, system admins,
// owners and org admins) answers the identity's direct or inherited role:
// {"inheritedFrom": null|"<ancestor id>", "role": "..."}; 404 "No role
// found for member" when it has none.
var GetOrganizationMemberRole = primitives.Route{
	Name:   "getOrganizationMemberRole",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/members/{identityId}/role",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner, blocks.RoleAdmin)),
	},
	Schema:  &schema.Request{Params: []schema.Param{pathParam("organizationId"), pathParam("identityId")}},
	Handler: primitives.Handle(getOrganizationMemberRole, terminators.JSON(http.StatusOK, orgMemberRoleErrors)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func getOrganizationMemberRole(r *primitives.Request) mo.Result[blocks.MemberRole] {
	target := orgMemberIDPath(r)
	o, err := addressedOrganization(r).Get()
	if err != nil {
		return mo.Err[blocks.MemberRole](err)
	}
	anc, err := blocks.FindAncestorsWithMember(r.Context(), nodeblocks.Organizations(r.Service), o, target).Get()
	if err != nil {
		return mo.Err[blocks.MemberRole](err)
	}
	return blocks.CalculateMemberRole(o, anc, target, orgRoles(r))
}

// MemberExistence is the body of the member existence check.
type MemberExistence struct {
	IsMemberOfOrganization bool `json:"isMemberOfOrganization"`
}

// CheckOrganizationMemberExistence (GET
// /organizations/{organizationId}/members/check-existence?identityId=...,
// system admins, owners and org admins) answers 200
// {"isMemberOfOrganization": bool}: whether the identity is a direct
// member; ?identityId is required; 404 "Organization not found".
var CheckOrganizationMemberExistence = primitives.Route{
	Name:   "checkOrganizationMemberExistence",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/members/check-existence",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner, blocks.RoleAdmin)),
	},
	Schema: &schema.Request{
		Params: []schema.Param{
			pathParam("organizationId"),
			{Name: "identityId", In: schema.Query, Required: true, Schema: schema.String()},
		},
	},
	Handler: primitives.Handle(checkOrganizationMemberExistence, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func checkOrganizationMemberExistence(r *primitives.Request) mo.Result[MemberExistence] {
	return primitives.Map(addressedOrganization(r), func(o *blocks.Organization) MemberExistence {
		return MemberExistence{IsMemberOfOrganization: o.IsMember(r.QueryValue("identityId"))}
	})
}

// ListOrganizationMembers (GET /organizations/{organizationId}/members
// ?page&limit, system admins, owners and org admins) answers 200 with a
// page of the members (page 1–1000, limit 1–50; the reference fixed page 1
// of 10); 404 "Organization not found".
var ListOrganizationMembers = primitives.Route{
	Name:   "listOrganizationMembers",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/members",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner, blocks.RoleAdmin)),
	},
	Schema:  &schema.Request{Params: paged(pathParam("organizationId"))},
	Handler: primitives.Handle(listOrganizationMembers, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func listOrganizationMembers(r *primitives.Request) mo.Result[primitives.Paged[blocks.Member]] {
	return primitives.Map(addressedOrganization(r), func(o *blocks.Organization) primitives.Paged[blocks.Member] {
		return primitives.PageSlice(o.Members, primitives.PageFromQuery(r.Query()))
	})
}

// UpsertOrganizationMembers (PATCH /organizations/{organizationId}/members
// [{identityId, role}, ...], system admins; owners and org admins within
// their rank) adds or re-roles the members of the body (a non-empty array;
// identityId 1 to 128 characters, no control characters): 204. Every
// caller is refused a result without an owner (409), duplicate identities
// (400), unknown roles (422) and more than blocks.MaxOrganizationMembers
// members (409).
var UpsertOrganizationMembers = primitives.Route{
	Name:   "upsertOrganizationMembers",
	Errors: append(orgLookupErrors[:len(orgLookupErrors):len(orgLookupErrors)], blocks.ErrDuplicateMembers, blocks.ErrTooManyMembers, blocks.ErrInvalidMemberRoles, blocks.ErrOwnerRequired, blocks.ErrMembersConflict),
	Method: http.MethodPatch,
	Path:   "/organizations/{organizationId}/members",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(validators.All(
			orgRole(blocks.RoleOwner, blocks.RoleAdmin),
			validators.HasOrgRoleAssignmentPermission(orgIDParam),
		)),
		validators.HasOrgOwnerRemainingAfterMembersUpsert(orgIDParam),
	},
	Schema: &schema.Request{
		Params: []schema.Param{pathParam("organizationId")},
		Body: schema.Array(schema.Object(
			schema.Prop("identityId", identityIDSchema()),
			schema.Prop("role", schema.String()),
		).Required("identityId", "role")).MinItems(1),
	},
	Handler: primitives.Handle(upsertOrganizationMembers, terminators.Empty(http.StatusNoContent, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func upsertOrganizationMembers(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(primitives.Bind[[]blocks.Member](r), func(m []blocks.Member) mo.Result[*blocks.Organization] {
		return blocks.UpsertOrganizationMembers(r.Context(), nodeblocks.Organizations(r.Service), orgIDParam(r), m, orgRoles(r), r.Service.Now)
	})
}

// DeleteOrganizationMember (DELETE
// /organizations/{organizationId}/members/{identityId}, system admins;
// owners and org admins for members ranked at most their own) removes the
// member: 204, or 409 when no owner would remain.
var DeleteOrganizationMember = primitives.Route{
	Name:   "deleteOrganizationMember",
	Errors: orgLookupErrors,
	Method: http.MethodDelete,
	Path:   "/organizations/{organizationId}/members/{identityId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(validators.All(
			orgRole(blocks.RoleOwner, blocks.RoleAdmin),
			validators.HasOrgRoleSameOrAbove(orgIDParam, orgMemberIDPath),
		)),
		validators.HasOrgOwnerRemainingAfterMemberRemoval(orgIDParam, orgMemberIDPath),
	},
	Schema:  &schema.Request{Params: []schema.Param{pathParam("organizationId"), pathParam("identityId")}},
	Handler: primitives.Handle(deleteOrganizationMember, terminators.Empty(http.StatusNoContent, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func deleteOrganizationMember(r *primitives.Request) mo.Result[*blocks.Organization] {
	return blocks.DeleteOrganizationMember(r.Context(), nodeblocks.Organizations(r.Service), orgIDParam(r), orgMemberIDPath(r), orgRoles(r), r.Service.Now)
}

package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// Sources of the organization routes' path values.
var (
	orgIDParam      = validators.PathValue("organizationId")
	orgMemberIDPath = validators.PathValue("identityId")
)

// orgAdmin is the reference's checkIdentityType(['admin']): system
// administrators may act on every organization.
var orgAdmin = validators.CheckIdentityType(validators.TypeAdmin)

// orgAdminOr lets system administrators through, or callers passing
// check; a caller failing both sees the admin check's error.
func orgAdminOr(check primitives.Validator) primitives.Validator {
	return validators.Some(orgAdmin, check)
}

// orgRole is hasOrgRole on the route's organizationId.
func orgRole(roles ...string) primitives.Validator {
	return validators.HasOrgRole(orgIDParam, roles...)
}

// orgLookupErrors are the status errors of loading the organization a
// route's path (or body) names, for the API document: 404 "Organization
// not found", 500 "Failed to get organization".
var orgLookupErrors = []*primitives.Error{blocks.ErrOrganizationNotFound, blocks.ErrGetOrganization}

// orgMemberRoleErrors maps the role lookups' kinds (routes #7 and #12).
var orgMemberRoleErrors = primitives.ErrorMap{
	{Kind: blocks.KindOrganizationMemberNotFound, Status: http.StatusNotFound},
	{Kind: blocks.KindOrganizationMemberRoleNotFound, Status: http.StatusNotFound},
	{Kind: blocks.KindOrganizationDB, Status: http.StatusInternalServerError},
}

// orgRoles is the service's configured role values.
func orgRoles(r *primitives.Request) nodeblocks.OrganizationRoles {
	return nodeblocks.Settings.Of(r.Service).OrganizationRoles
}

// addressedOrganization is the organization of the route's path, loaded
// once per request (shared with the validators).
func addressedOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return validators.Organization(r, orgIDParam)
}

// orgQueryString returns the query parameter name, or nil when absent.
func orgQueryString(r *primitives.Request, name string) *string {
	if vs, ok := r.Query()[name]; ok && len(vs) > 0 {
		return &vs[0]
	}
	return nil
}

// orgRequestedPage is the page the query asks for, nil when it names neither
// page nor limit.
func orgRequestedPage(r *primitives.Request) *primitives.Page {
	q := r.Query()
	if !q.Has("page") && !q.Has("limit") {
		return nil
	}
	p := primitives.PageFromQuery(q)
	return &p
}

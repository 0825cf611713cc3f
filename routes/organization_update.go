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

// UpdateOrganization (PATCH /organizations/{organizationId}, system admins
// and owners) sets the fields owners may edit (branchName, contact_email,
// contact_phone, description; nothing else) and answers 200 with the
// updated organization; 404 "Organization not found".
var UpdateOrganization = primitives.Route{
	Name:   "updateOrganization",
	Errors: orgLookupErrors,
	Method: http.MethodPatch,
	Path:   "/organizations/{organizationId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema: &schema.Request{
		Params: []schema.Param{pathParam("organizationId")},
		Body:   schema.Object(commonOrganizationProps()...),
	},
	Handler: primitives.Handle(updateOrganization, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func updateOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(primitives.Bind[blocks.OrganizationFields](r), func(f blocks.OrganizationFields) mo.Result[*blocks.Organization] {
		return applyOrganizationUpdate(r, f)
	})
}

// AdminUpdateOrganization (PATCH /admin/organizations/{organizationId}/,
// system admins) sets the owners' fields and may also rename, set the
// address, files and qualifications, and approve or reject: 200 with the
// updated organization; 400 "Invalid audit status" for any other
// auditStatus (the reference said 500); 404 "Organization not found".
var AdminUpdateOrganization = primitives.Route{
	Name:       "adminUpdateOrganization",
	Errors:     orgLookupErrors,
	Method:     http.MethodPatch,
	Path:       "/admin/organizations/{organizationId}/",
	Validators: []primitives.Validator{validators.IsAuthenticated, orgAdmin},
	Schema: &schema.Request{
		Params: []schema.Param{pathParam("organizationId")},
		Body:   organizationBody(true).Props(schema.Prop("auditStatus", schema.String())),
	},
	Handler: primitives.Handle(adminUpdateOrganization, terminators.JSON(http.StatusOK, primitives.ErrorMap{
		{Kind: blocks.KindOrganizationBadRequest, Status: http.StatusBadRequest},
	})),
	Setup: []*primitives.Setup{SetupOrganizations},
}

func adminUpdateOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	f, err := primitives.Bind[blocks.OrganizationFields](r).Get()
	if err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	if err := blocks.ValidateAuditStatus(f.AuditStatus).Error(); err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	return applyOrganizationUpdate(r, f)
}

// applyOrganizationUpdate writes f and answers the normalized result. A
// logo or certificate in f must be one the caller may attach to this
// organization (attachOrganizationFiles: the stored one, one issued for
// it, or any for a system admin); the owners' schema allows neither, but
// a host mounting the route with a wider schema keeps the rule.
func applyOrganizationUpdate(r *primitives.Request, f blocks.OrganizationFields) mo.Result[*blocks.Organization] {
	if err := attachOrganizationFiles(r, orgIDParam(r), func() mo.Result[*blocks.Organization] { return addressedOrganization(r) }, f); err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	updated := blocks.UpdateOrganization(r.Context(), nodeblocks.Organizations(r.Service), orgIDParam(r), f, r.Service.Now())
	return primitives.Then(updated, func(o *blocks.Organization) mo.Result[*blocks.Organization] {
		return blocks.NormalizeOrganization(r.Context(), r.Service.Files, o)
	})
}

// DeleteOrganization (DELETE /organizations/{organizationId}, system admins
// and owners) deletes the logo file, then the organization: 204; 404
// "Organization not found".
var DeleteOrganization = primitives.Route{
	Name:   "deleteOrganization",
	Errors: orgLookupErrors,
	Method: http.MethodDelete,
	Path:   "/organizations/{organizationId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema:  &schema.Request{Params: []schema.Param{pathParam("organizationId")}},
	Handler: primitives.Handle(deleteOrganization, terminators.Empty(http.StatusNoContent, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func deleteOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(addressedOrganization(r), func(o *blocks.Organization) mo.Result[*blocks.Organization] {
		return blocks.DeleteOrganization(r.Context(), nodeblocks.Organizations(r.Service), r.Service.Files, o)
	})
}

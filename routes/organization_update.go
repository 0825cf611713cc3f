package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// UpdateOrganization (PATCH /organizations/{organizationId}, system admins
// and owners) sets the contact fields the schema allows and answers the
// updated organization.
var UpdateOrganization = primitives.Route{
	Name:   "updateOrganization",
	Method: http.MethodPatch,
	Path:   "/organizations/{organizationId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Handler: primitives.Handle(updateOrganization, terminators.JSON(http.StatusOK, nil)),
}

func updateOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(primitives.Bind[blocks.OrganizationFields](r), func(f blocks.OrganizationFields) mo.Result[*blocks.Organization] {
		return applyOrganizationUpdate(r, f)
	})
}

// AdminUpdateOrganization (PATCH /admin/organizations/{organizationId}/,
// system admins) may also rename, set files, qualifications and approve or
// reject (400 "Invalid audit status" otherwise; the reference said 500).
var AdminUpdateOrganization = primitives.Route{
	Name:       "adminUpdateOrganization",
	Method:     http.MethodPatch,
	Path:       "/admin/organizations/{organizationId}/",
	Validators: []primitives.Validator{validators.IsAuthenticated, orgAdmin},
	Handler: primitives.Handle(adminUpdateOrganization, terminators.JSON(http.StatusOK, primitives.ErrorMap{
		{Kind: blocks.KindOrganizationBadRequest, Status: http.StatusBadRequest},
	})),
}

func adminUpdateOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(primitives.Bind[blocks.OrganizationFields](r), func(f blocks.OrganizationFields) mo.Result[*blocks.Organization] {
		return primitives.Then(blocks.ValidateAuditStatus(f.AuditStatus), func(*string) mo.Result[*blocks.Organization] {
			return applyOrganizationUpdate(r, f)
		})
	})
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
	updated := blocks.UpdateOrganization(r.Context(), r.Service.Organizations(), orgIDParam(r), f, r.Service.Now())
	return primitives.Then(updated, func(o *blocks.Organization) mo.Result[*blocks.Organization] {
		return blocks.NormalizeOrganization(r.Context(), r.Service.Files, o)
	})
}

// DeleteOrganization (DELETE /organizations/{organizationId}, system admins
// and owners) deletes the logo file, then the organization: 204.
var DeleteOrganization = primitives.Route{
	Name:   "deleteOrganization",
	Method: http.MethodDelete,
	Path:   "/organizations/{organizationId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Handler: primitives.Handle(deleteOrganization, terminators.Empty(http.StatusNoContent, nil)),
}

func deleteOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(addressedOrganization(r), func(o *blocks.Organization) mo.Result[*blocks.Organization] {
		return blocks.DeleteOrganization(r.Context(), r.Service.Organizations(), r.Service.Files, o)
	})
}

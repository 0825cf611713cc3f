package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// CreateOrganization (POST /organizations, system admins) creates an
// organization owned by body.ownerId, below body.parentId when given, and
// answers 200 with it (logo as a download URL, certificate raw). Only
// system admins may set a logo or certificate here: nothing can have been
// issued for an organization that does not exist yet (see attachFile).
var CreateOrganization = primitives.Route{
	Name:       "createOrganization",
	Method:     http.MethodPost,
	Path:       "/organizations",
	Validators: []primitives.Validator{validators.IsAuthenticated, orgAdmin},
	Handler:    primitives.Handle(createOrganization, terminators.JSON(http.StatusOK, nil)),
}

func createOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	s := r.Service
	return primitives.Then(primitives.Bind[blocks.NewOrganization](r), func(in blocks.NewOrganization) mo.Result[*blocks.Organization] {
		if err := attachOrganizationFiles(r, "", nil, in.Organization); err != nil {
			return mo.Err[*blocks.Organization](err)
		}
		ancestors := mo.Ok([]string(nil))
		if in.ParentID != "" {
			ancestors = primitives.Map(blocks.GetOrganizationByID(r.Context(), r.Service.Organizations(), in.ParentID), blocks.CalculateChildAncestors)
		}
		return primitives.Then(ancestors, func(anc []string) mo.Result[*blocks.Organization] {
			return blocks.CreateOrganization(r.Context(), r.Service.Organizations(), s.Files, in, anc, orgRoles(r), s.Now(), s.ID())
		})
	})
}

// GetOrganization (GET /organizations/{organizationId}, system admins and
// members) answers the organization with download URLs.
var GetOrganization = primitives.Route{
	Name:   "getOrganization",
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner, blocks.RoleAdmin, blocks.RoleMember)),
	},
	Handler: primitives.Handle(getOrganization, terminators.JSON(http.StatusOK, nil)),
}

func getOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(addressedOrganization(r), func(o *blocks.Organization) mo.Result[*blocks.Organization] {
		return blocks.NormalizeOrganization(r.Context(), r.Service.Files, o)
	})
}

// ListOrganizations (GET /organizations, system admins) answers a page of
// the organizations matching the query's exact-match filter.
var ListOrganizations = primitives.Route{
	Name:       "listOrganizations",
	Method:     http.MethodGet,
	Path:       "/organizations",
	Validators: []primitives.Validator{validators.IsAuthenticated, orgAdmin},
	Handler:    primitives.Handle(listOrganizations, terminators.JSON(http.StatusOK, nil)),
}

func listOrganizations(r *primitives.Request) mo.Result[primitives.Paged[*blocks.Organization]] {
	filter := blocks.OrganizationFilter{
		ContactEmail: orgQueryString(r, "contact_email"),
		ContactPhone: orgQueryString(r, "contact_phone"),
		Description:  orgQueryString(r, "description"),
		Name:         orgQueryString(r, "name"),
	}
	found := blocks.FindOrganizations(r.Context(), r.Service.Organizations(), filter, primitives.PageFromQuery(r.Query()))
	return primitives.MapPage(found, func(orgs []*blocks.Organization) mo.Result[[]*blocks.Organization] {
		return blocks.NormalizeLogosOfOwners(r.Context(), r.Service.Files, orgs)
	})
}

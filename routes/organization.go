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

// CreateOrganization (POST /organizations {organization, ownerId,
// parentId?}, system admins) creates an organization owned by ownerId (1
// to 128 characters, no control characters), below parentId when given,
// and answers 200 with it (logo as a download URL, certificate raw); 404
// "Organization not found" for an unknown parent. The organization needs
// name, description and contact_email (see schema.go for the bounds of the
// fields); the query is not checked, as in the reference. Only system
// admins may set a logo or certificate here: nothing can have been issued
// for an organization that does not exist yet (see attachFile).
var CreateOrganization = primitives.Route{
	Name:       "createOrganization",
	Errors:     orgLookupErrors,
	Method:     http.MethodPost,
	Path:       "/organizations",
	Validators: []primitives.Validator{validators.IsAuthenticated, orgAdmin},
	Schema: &schema.Request{
		Body: schema.Object(
			schema.Prop("organization", organizationBody(true).Required("name", "description", "contact_email")),
			schema.Prop("ownerId", identityIDSchema()),
			schema.Prop("parentId", schema.String()),
		).Required("organization", "ownerId"),
	},
	Handler: primitives.Handle(createOrganization, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func createOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	s := r.Service
	in, err := primitives.Bind[blocks.NewOrganization](r).Get()
	if err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	if err := attachOrganizationFiles(r, "", nil, in.Organization); err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	var anc []string
	if in.ParentID != "" {
		parent, err := blocks.GetOrganizationByID(r.Context(), nodeblocks.Organizations(r.Service), in.ParentID).Get()
		if err != nil {
			return mo.Err[*blocks.Organization](err)
		}
		anc = blocks.CalculateChildAncestors(parent)
	}
	return blocks.CreateOrganization(r.Context(), nodeblocks.Organizations(r.Service), s.Files, in, anc, orgRoles(r), s.Now(), s.ID())
}

// GetOrganization (GET /organizations/{organizationId}, system admins and
// members) answers 200 with the organization, its files as download URLs;
// 404 "Organization not found".
var GetOrganization = primitives.Route{
	Name:   "getOrganization",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner, blocks.RoleAdmin, blocks.RoleMember)),
	},
	Schema:  &schema.Request{Params: []schema.Param{pathParam("organizationId")}},
	Handler: primitives.Handle(getOrganization, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func getOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(addressedOrganization(r), func(o *blocks.Organization) mo.Result[*blocks.Organization] {
		return blocks.NormalizeOrganization(r.Context(), r.Service.Files, o)
	})
}

// ListOrganizations (GET /organizations?contact_email&contact_phone
// &description&name&page&limit, system admins) answers 200 with a page
// (page 1–1000, limit 1–50) of the organizations matching the query's
// exact-match filter, as {data, metadata: {pagination}}.
var ListOrganizations = primitives.Route{
	Name:       "listOrganizations",
	Method:     http.MethodGet,
	Path:       "/organizations",
	Validators: []primitives.Validator{validators.IsAuthenticated, orgAdmin},
	Schema: &schema.Request{
		Params: paged(
			schema.Param{Name: "contact_email", In: schema.Query, Schema: schema.String().Format("email")},
			schema.Param{Name: "contact_phone", In: schema.Query, Schema: schema.String()},
			schema.Param{Name: "description", In: schema.Query, Schema: schema.String()},
			schema.Param{Name: "name", In: schema.Query, Schema: schema.String().MinLength(1)},
		),
	},
	Handler: primitives.Handle(listOrganizations, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

func listOrganizations(r *primitives.Request) mo.Result[primitives.Paged[*blocks.Organization]] {
	filter := blocks.OrganizationFilter{
		ContactEmail: orgQueryString(r, "contact_email"),
		ContactPhone: orgQueryString(r, "contact_phone"),
		Description:  orgQueryString(r, "description"),
		Name:         orgQueryString(r, "name"),
	}
	found := blocks.FindOrganizations(r.Context(), nodeblocks.Organizations(r.Service), filter, primitives.PageFromQuery(r.Query()))
	return primitives.MapPage(found, func(orgs []*blocks.Organization) mo.Result[[]*blocks.Organization] {
		return blocks.NormalizeLogosOfOwners(r.Context(), r.Service.Files, orgs)
	})
}

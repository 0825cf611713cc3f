package features

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// SetupOrganizations prepares a service for the organization features: the
// organizations indexes (see blocks.EnsureOrganizationIndexes) and the
// reference's tokens (see SetupAuth).
var SetupOrganizations = primitives.NewSetup("organizations: tokens and indexes", setupOrganizations)

func setupOrganizations(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	return blocks.EnsureOrganizationIndexes(ctx, nodeblocks.Organizations(s))
}

// Parameters shared by the organization features.
var (
	organizationIDParam = schema.Param{Name: "organizationId", In: schema.Path, Schema: schema.String()}
	memberIDParam       = schema.Param{Name: "identityId", In: schema.Path, Schema: schema.String()}
	// orgPageParams are page (1–1000) and limit (1–50), accepted by every
	// paginated organization route.
	orgPageParams = []schema.Param{
		{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(1000)},
		{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
	}
)

// orgParams lists params followed by the page parameters when paged.
func orgParams(paged bool, params ...schema.Param) []schema.Param {
	if paged {
		params = append(params, orgPageParams...)
	}
	return params
}

// CreateOrganization validates {organization, ownerId, parentId?} before
// routes.CreateOrganization (ownerId: 1 to 128 characters, no control
// characters; see organization_schema.go for the bounds of the fields);
// the query is not checked (as the reference).
var CreateOrganization = primitives.NewFeature(schema.Request{
	Body: schema.Object(
		schema.Prop("organization", organizationBody(true).Required("name", "description", "contact_email")),
		schema.Prop("ownerId", identityIDSchema()),
		schema.Prop("parentId", schema.String()),
	).Required("organization", "ownerId"),
}, routes.CreateOrganization, SetupOrganizations)

// GetOrganization validates the path before routes.GetOrganization.
var GetOrganization = primitives.NewFeature(schema.Request{Params: orgParams(false, organizationIDParam)}, routes.GetOrganization, SetupOrganizations)

// ListOrganizations validates the exact-match filter (contact_email,
// contact_phone, description, name) and the page before
// routes.ListOrganizations.
var ListOrganizations = primitives.NewFeature(schema.Request{
	Params: orgParams(true,
		schema.Param{Name: "contact_email", In: schema.Query, Schema: schema.String().Format("email")},
		schema.Param{Name: "contact_phone", In: schema.Query, Schema: schema.String()},
		schema.Param{Name: "description", In: schema.Query, Schema: schema.String()},
		schema.Param{Name: "name", In: schema.Query, Schema: schema.String().MinLength(1)},
	),
}, routes.ListOrganizations, SetupOrganizations)

// UpdateOrganization validates the owner-editable fields before
// routes.UpdateOrganization.
var UpdateOrganization = primitives.NewFeature(schema.Request{
	Params: orgParams(false, organizationIDParam),
	Body:   schema.Object(commonOrganizationProps()...),
}, routes.UpdateOrganization, SetupOrganizations)

// AdminUpdateOrganization validates every admin-editable field, audit
// status included, before routes.AdminUpdateOrganization.
var AdminUpdateOrganization = primitives.NewFeature(schema.Request{
	Params: orgParams(false, organizationIDParam),
	Body:   organizationBody(true).Props(schema.Prop("auditStatus", schema.String())),
}, routes.AdminUpdateOrganization, SetupOrganizations)

// DeleteOrganization validates the path before routes.DeleteOrganization.
var DeleteOrganization = primitives.NewFeature(schema.Request{Params: orgParams(false, organizationIDParam)}, routes.DeleteOrganization, SetupOrganizations)

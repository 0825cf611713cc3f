package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// GetOrganizationMemberRole validates the path before
// routes.GetOrganizationMemberRole.
var GetOrganizationMemberRole = primitives.NewFeature(schema.Request{
	Params: orgParams(false, organizationIDParam, memberIDParam),
}, routes.GetOrganizationMemberRole, SetupOrganizations)

// CheckOrganizationMemberExistence requires ?identityId before
// routes.CheckOrganizationMemberExistence.
var CheckOrganizationMemberExistence = primitives.NewFeature(schema.Request{
	Params: orgParams(false, organizationIDParam,
		schema.Param{Name: "identityId", In: schema.Query, Required: true, Schema: schema.String()}),
}, routes.CheckOrganizationMemberExistence, SetupOrganizations)

// ListOrganizationMembers validates the path and page before
// routes.ListOrganizationMembers.
var ListOrganizationMembers = primitives.NewFeature(schema.Request{
	Params: orgParams(true, organizationIDParam),
}, routes.ListOrganizationMembers, SetupOrganizations)

// UpsertOrganizationMembers validates a non-empty array of
// {identityId, role} (identityId: 1 to 128 characters, no control
// characters) before routes.UpsertOrganizationMembers, which also caps an
// organization at blocks.MaxOrganizationMembers members.
var UpsertOrganizationMembers = primitives.NewFeature(schema.Request{
	Params: orgParams(false, organizationIDParam),
	Body: schema.Array(schema.Object(
		schema.Prop("identityId", identityIDSchema()),
		schema.Prop("role", schema.String()),
	).Required("identityId", "role")).MinItems(1),
}, routes.UpsertOrganizationMembers, SetupOrganizations)

// DeleteOrganizationMember validates the path before
// routes.DeleteOrganizationMember.
var DeleteOrganizationMember = primitives.NewFeature(schema.Request{
	Params: orgParams(false, organizationIDParam, memberIDParam),
}, routes.DeleteOrganizationMember, SetupOrganizations)

// ListOrganizationsForMember validates ?roles, ?includeInherited
// ("true"/"false") and the page before routes.ListOrganizationsForMember.
var ListOrganizationsForMember = primitives.NewFeature(schema.Request{
	Params: orgParams(true, memberIDParam,
		schema.Param{Name: "roles", In: schema.Query, Schema: schema.String()},
		schema.Param{Name: "includeInherited", In: schema.Query, Schema: schema.Boolean()}),
}, routes.ListOrganizationsForMember, SetupOrganizations)

// ListOrganizationDescendants validates ?depth (a number ≥ 1; whole
// numbers only, checked by the block) and the page before
// routes.ListOrganizationDescendants.
var ListOrganizationDescendants = primitives.NewFeature(schema.Request{
	Params: orgParams(true, organizationIDParam,
		schema.Param{Name: "depth", In: schema.Query, Schema: schema.Number().Minimum(1)}),
}, routes.ListOrganizationDescendants, SetupOrganizations)

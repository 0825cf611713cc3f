package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/routes"
)

// Organizations bundles every organization route in the reference's
// registration order (organizationService), so that a host app mounts the
// whole capability in one call. Order matters where paths overlap: GET
// /organizations/members/{identityId} is registered before the
// /organizations/{organizationId}/... routes, as in the reference.
//
//	h, err := svc.Mount(ctx, features.Auth(), features.Organizations())
func Organizations() primitives.Feature {
	return primitives.Join("organizations",
		routes.CreateOrganization,
		routes.GetOrganization,
		routes.ListOrganizations,
		routes.UpdateOrganization,
		routes.DeleteOrganization,
		routes.GetOrganizationMemberRole,
		routes.CheckOrganizationMemberExistence,
		routes.ListOrganizationMembers,
		routes.ListOrganizationsForMember,
		routes.UpsertOrganizationMembers,
		routes.DeleteOrganizationMember,
		routes.ListOrganizationDescendants,
		routes.GetLogoUploadURL,
		routes.CreateChangeRequest,
		routes.GetCertificateUploadURL,
		routes.AdminUpdateOrganization,
		routes.ListFollowers,
		routes.ListChangeRequests,
	)
}

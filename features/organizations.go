package features

import "github.com/blockyard/blockyard/primitives"

// Organizations bundles every organization feature in the reference's
// registration order (organizationService), so that a host app mounts the
// whole capability in one call. Order matters where paths overlap: GET
// /organizations/members/{identityId} is registered before the
// /organizations/{organizationId}/... routes, as in the reference.
//
//	h, err := svc.Mount(ctx, features.Auth(), features.Organizations())
func Organizations() primitives.Feature {
	f := primitives.Join("organizations",
		CreateOrganization,
		GetOrganization,
		ListOrganizations,
		UpdateOrganization,
		DeleteOrganization,
		GetOrganizationMemberRole,
		CheckOrganizationMemberExistence,
		ListOrganizationMembers,
		ListOrganizationsForMember,
		UpsertOrganizationMembers,
		DeleteOrganizationMember,
		ListOrganizationDescendants,
		GetLogoUploadURL,
		CreateChangeRequest,
		GetCertificateUploadURL,
		AdminUpdateOrganization,
		ListFollowers,
		ListChangeRequests,
	)
	// Each feature carries its setup for mounting alone; together they
	// need each one once.
	f.Setup = []*primitives.Setup{SetupOrganizations, SetupChangeRequests, SetupProfiles}
	return f
}

package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// HasOrgRoleAssignmentPermission lets an org member upsert the members in
// the request body only with roles up to its own: every requested role,
// and the current role of every member the request touches, must be a
// configured role (else 422) ranked at most the caller's (else 403). So an
// org admin may assign member and admin but not touch an owner. Use it
// after HasOrgRole(id, owner, admin).
func HasOrgRoleAssignmentPermission(id Source) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		m, err := callerMembership(r, id)
		if err != nil {
			return err
		}
		roles := nodeblocks.Settings.Of(r.Service).OrganizationRoles
		callerRank := blocks.RoleRank(roles, m.role)
		if callerRank == 0 {
			return errCallerRoleUnknown
		}
		req, ok := requestedMembers(r, false)
		if !ok {
			return errInvalidMembers
		}
		var involved []string
		for _, want := range req {
			involved = append(involved, want.Role)
			if cur, ok := m.org.MemberRole(want.IdentityID); ok {
				involved = append(involved, cur)
			}
		}
		for _, role := range involved {
			if !blocks.IsRole(roles, role) {
				return blocks.ErrInvalidMemberRoles
			}
		}
		for _, role := range involved {
			if blocks.RoleRank(roles, role) > callerRank {
				return errInsufficientRole
			}
		}
		return nil
	}, refusal(append(membershipErrors, errCallerRoleUnknown, errInvalidMembers, blocks.ErrInvalidMemberRoles, errInsufficientRole)...))
}

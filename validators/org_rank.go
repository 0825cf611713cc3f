package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// HasOrgRoleSameOrAbove lets an org member act on the member whose
// identity id target reads only when the caller's role ranks at least the
// target's: an org admin may remove members and admins (itself included)
// but not owners. Use it after HasOrgRole(id, owner, admin).
func HasOrgRoleSameOrAbove(id, target Source) primitives.Validator {
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
		t := target(r)
		if t == "" {
			return errMissingTargetID
		}
		if !m.org.IsMember(t) {
			return errTargetNotMember
		}
		role, _ := m.org.MemberRole(t)
		targetRank := blocks.RoleRank(roles, role)
		if targetRank == 0 {
			return errTargetRoleUnknown
		}
		if callerRank < targetRank {
			return errTargetOutranks
		}
		return nil
	}, refusal(append(membershipErrors, errCallerRoleUnknown, errMissingTargetID, errTargetNotMember, errTargetRoleUnknown, errTargetOutranks)...))
}

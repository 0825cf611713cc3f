package blocks

import (
	"slices"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/lo"
	"github.com/samber/mo"
)

// ErrNoMemberRole: the identity has no role in the organization nor in any
// of its ancestors. Mapped to 404.
var ErrNoMemberRole = primitives.NewError(KindOrganizationMemberRoleNotFound, "No role found for member")

// MemberRole is an identity's effective role in an organization: its direct
// role (InheritedFrom nil) or the best role it holds in an ancestor, named
// by InheritedFrom. Inherited roles are informational: authorization uses
// direct membership only.
type MemberRole struct {
	InheritedFrom *string `json:"inheritedFrom"`
	Role          string  `json:"role"`
}

// CalculateMemberRole returns identityID's role in org: the direct role if
// any; otherwise the highest role held in ancestors (the ancestor
// organizations where the identity is a member), ties going to the
// ancestor closest to the root; otherwise ErrNoMemberRole.
//
// Roles rank owner > admin > member by roles; a value that is not a
// configured role ranks below member (the reference ranked it above owner).
func CalculateMemberRole(org *Organization, ancestors []*Organization, identityID string, roles nodeblocks.OrganizationRoles) mo.Result[MemberRole] {
	if role, ok := org.MemberRole(identityID); ok {
		return mo.Ok(MemberRole{Role: role})
	}
	var best *Organization
	var bestRole string
	for _, a := range ancestors {
		if a.ID == org.ID || !slices.Contains(org.Ancestors, a.ID) {
			continue
		}
		role, ok := a.MemberRole(identityID)
		if !ok {
			continue
		}
		if best == nil || betterInherited(roles, role, a, bestRole, best) {
			best, bestRole = a, role
		}
	}
	if best == nil {
		return mo.Err[MemberRole](ErrNoMemberRole)
	}
	return mo.Ok(MemberRole{InheritedFrom: lo.ToPtr(best.ID), Role: bestRole})
}

// betterInherited reports whether role in a beats the current best: a
// higher rank, or the same rank closer to the root.
func betterInherited(roles nodeblocks.OrganizationRoles, role string, a *Organization, bestRole string, best *Organization) bool {
	r, br := RoleRank(roles, role), RoleRank(roles, bestRole)
	if r != br {
		return r > br
	}
	return len(a.Ancestors) < len(best.Ancestors)
}

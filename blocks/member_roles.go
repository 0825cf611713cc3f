package blocks

import "github.com/blockyard/blockyard/nodeblocks"

// Role keys name the configured organization roles independently of their
// stored values (nodeblocks.Config.OrganizationRoles; OrganizationRoles.Value
// turns a key into its value), in rank order from the lowest.
const (
	RoleMember = "member"
	RoleAdmin  = "admin"
	RoleOwner  = "owner"
)

// RoleRank ranks a stored role value: member 1 < admin 2 < owner 3, and 0
// for a value that is not a configured role, so an unknown role never
// outranks a known one.
func RoleRank(roles nodeblocks.OrganizationRoles, value string) int {
	switch value {
	case "":
		return 0
	case roles.Owner:
		return 3
	case roles.Admin:
		return 2
	case roles.Member:
		return 1
	}
	return 0
}

// IsRole reports whether value is one of the configured roles.
func IsRole(roles nodeblocks.OrganizationRoles, value string) bool {
	return RoleRank(roles, value) > 0
}

// HasOwner reports whether some member has the owner role.
func HasOwner(members []Member, roles nodeblocks.OrganizationRoles) bool {
	for _, m := range members {
		if m.Role == roles.Owner {
			return true
		}
	}
	return false
}

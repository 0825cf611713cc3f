package blocks

import "github.com/blockyard/blockyard/primitives"

// Role keys name the configured organization roles independently of their
// stored values (Config.OrganizationRoles), in rank order from the lowest.
const (
	RoleMember = "member"
	RoleAdmin  = "admin"
	RoleOwner  = "owner"
)

// RoleValue returns the stored value of the role key ("owner", "admin",
// "member") under roles, or "" for an unknown key.
func RoleValue(roles primitives.OrganizationRoles, key string) string { return roles.Value(key) }

// RoleRank ranks a stored role value: member 1 < admin 2 < owner 3, and 0
// for a value that is not a configured role, so an unknown role never
// outranks a known one.
func RoleRank(roles primitives.OrganizationRoles, value string) int {
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
func IsRole(roles primitives.OrganizationRoles, value string) bool {
	return RoleRank(roles, value) > 0
}

// HasOwner reports whether some member has the owner role.
func HasOwner(members []Member, roles primitives.OrganizationRoles) bool {
	for _, m := range members {
		if m.Role == roles.Owner {
			return true
		}
	}
	return false
}

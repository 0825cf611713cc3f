package validators

import (
	"slices"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// orgMember is what every org-role validator establishes first: a user
// caller, the organization and the caller's direct role in it.
type orgMember struct {
	org  *blocks.Organization
	role string
}

// callerMembership authenticates the caller and finds its direct
// membership in the organization, with the reference's checks and messages
// in order.
func callerMembership(r *primitives.Request, id Source) (orgMember, error) {
	caller, err := Caller(r).Get()
	if err != nil {
		return orgMember{}, err
	}
	if id(r) == "" {
		return orgMember{}, errInvalidOrganizationID
	}
	org, err := Organization(r, id).Get()
	if err != nil {
		return orgMember{}, errFetchOrganization.Caused(err)
	}
	if !org.IsMember(caller.ID) {
		return orgMember{}, errNotOrgMember
	}
	role, _ := org.MemberRole(caller.ID)
	return orgMember{org: org, role: role}, nil
}

// HasOrgRole lets a caller through when it is a DIRECT member of the
// organization whose id id reads, with one of the roles named by key
// (blocks.RoleOwner, RoleAdmin, RoleMember, mapped to their configured
// values). Roles inherited from parent organizations do not count.
func HasOrgRole(id Source, roles ...string) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		m, err := callerMembership(r, id)
		if err != nil {
			return err
		}
		cfg := nodeblocks.Settings.Of(r.Service).OrganizationRoles
		if !slices.ContainsFunc(roles, func(key string) bool { return cfg.Value(key) == m.role }) {
			return errOrgRoleNotAllowed
		}
		return nil
	}, refusal(append(membershipErrors, errOrgRoleNotAllowed)...))
}

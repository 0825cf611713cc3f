package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// HasOrgOwnerRemainingAfterMembersUpsert refuses (409) a members upsert
// that would leave the organization without an owner, before the schema
// runs, for every caller. It does not authenticate. The write itself
// re-checks the rule against the state it overwrites, so concurrent
// requests cannot break it either.
//
// The rule is the upsert's own, blocks.OwnerRemainsAfterUpsert (the
// request's entries override the stored ones and a later entry overrides
// an earlier one, as in the reference). Unlike the reference, a missing
// organization is reported as it is (404 "Organization not found") rather
// than 403 "Failed to fetch organization". A request naming an identity
// twice passes here and is refused (400) by the upsert itself, after the
// schema, so schema errors are reported first as in the reference.
func HasOrgOwnerRemainingAfterMembersUpsert(id Source) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		if id(r) == "" {
			return errInvalidOrganizationID
		}
		org, err := Organization(r, id).Get()
		if err != nil {
			return err
		}
		req, ok := requestedMembers(r, true)
		if !ok {
			return errInvalidMembers
		}
		if !blocks.OwnerRemainsAfterUpsert(org.Members, req, nodeblocks.Settings.Of(r.Service).OrganizationRoles) {
			return blocks.ErrOwnerRequired
		}
		return nil
	}, primitives.Refusal{Errors: []*primitives.Error{errInvalidOrganizationID, errInvalidMembers, blocks.ErrOwnerRequired, blocks.ErrOrganizationNotFound, blocks.ErrGetOrganization}})
}

// HasOrgOwnerRemainingAfterMemberRemoval refuses (409) removing the member
// whose identity id member reads when no other owner would remain, for
// every caller; a missing organization is a 404 (see
// HasOrgOwnerRemainingAfterMembersUpsert).
func HasOrgOwnerRemainingAfterMemberRemoval(id, member Source) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		if id(r) == "" {
			return errInvalidOrganizationID
		}
		org, err := Organization(r, id).Get()
		if err != nil {
			return err
		}
		t := member(r)
		if t == "" {
			return errInvalidMember
		}
		if !blocks.HasOwner(blocks.RemoveMember(org.Members, t), nodeblocks.Settings.Of(r.Service).OrganizationRoles) {
			return blocks.ErrOwnerRequired
		}
		return nil
	}, primitives.Refusal{Errors: []*primitives.Error{errInvalidOrganizationID, errInvalidMember, blocks.ErrOwnerRequired, blocks.ErrOrganizationNotFound, blocks.ErrGetOrganization}})
}

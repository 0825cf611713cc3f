package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
)

// HasOrgOwnerRemainingAfterMembersUpsert refuses (409) a members upsert
// that would leave the organization without an owner, before the schema
// runs, for every caller. It does not authenticate. The write itself
// re-checks the rule against the state it overwrites, so concurrent
// requests cannot break it either.
//
// Unlike the reference, a missing organization is reported as it is (404
// "Organization not found") rather than 403 "Failed to fetch
// organization", and a request naming an identity twice is refused (400).
func HasOrgOwnerRemainingAfterMembersUpsert(id Source) primitives.Validator {
	return func(r *primitives.Request) error {
		if id(r) == "" {
			return errInvalidOrganizationID
		}
		org, err := Organization(r, id).Get()
		if err != nil {
			return err
		}
		req, ok := membersFromBody(r.Body(), true)
		if !ok {
			return errInvalidMembers
		}
		roles := r.Service.Config.OrganizationRoles
		if err := blocks.CheckDistinctMembers(req); err != nil {
			return err
		}
		if !blocks.HasOwner(blocks.MergeMembers(org.Members, req), roles) {
			return blocks.ErrOwnerRequired
		}
		return nil
	}
}

// HasOrgOwnerRemainingAfterMemberRemoval refuses (409) removing the member
// whose identity id member reads when no other owner would remain, for
// every caller; a missing organization is a 404 (see
// HasOrgOwnerRemainingAfterMembersUpsert).
func HasOrgOwnerRemainingAfterMemberRemoval(id, member Source) primitives.Validator {
	return func(r *primitives.Request) error {
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
		if !blocks.HasOwner(blocks.RemoveMember(org.Members, t), r.Service.Config.OrganizationRoles) {
			return blocks.ErrOwnerRequired
		}
		return nil
	}
}

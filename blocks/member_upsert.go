package blocks

import (
	"context"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Members upsert errors.
var (
	ErrUpsertMembers = primitives.StatusError(http.StatusInternalServerError, "Failed to upsert organization members")
	// ErrInvalidMemberRoles: a requested role is not a configured role.
	// Checked for every caller (the reference let system admins store any
	// string).
	ErrInvalidMemberRoles = primitives.StatusError(http.StatusUnprocessableEntity, "One or more members have invalid roles")
	// ErrDuplicateMembers: the request names an identity twice, which the
	// reference resolved differently in its check and in its write.
	ErrDuplicateMembers = primitives.StatusError(http.StatusBadRequest, "Members must not repeat an identityId")
)

// CheckDistinctMembers refuses a request naming an identity twice.
func CheckDistinctMembers(members []Member) error {
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		if seen[m.IdentityID] {
			return ErrDuplicateMembers
		}
		seen[m.IdentityID] = true
	}
	return nil
}

// CheckMembersUpsert validates an upsert request on its own: distinct
// identities and configured roles only.
func CheckMembersUpsert(members []Member, roles primitives.OrganizationRoles) mo.Result[[]Member] {
	if err := CheckDistinctMembers(members); err != nil {
		return mo.Err[[]Member](err)
	}
	for _, m := range members {
		if !IsRole(roles, m.Role) {
			return mo.Err[[]Member](ErrInvalidMemberRoles)
		}
	}
	return mo.Ok(members)
}

// MergeMembers returns the members after an upsert: the requested entries
// in request order, then the existing members not named in the request, in
// their order.
func MergeMembers(existing, upsert []Member) []Member {
	named := make(map[string]bool, len(upsert))
	out := make([]Member, 0, len(existing)+len(upsert))
	for _, m := range upsert {
		named[m.IdentityID] = true
		out = append(out, m)
	}
	for _, m := range existing {
		if !named[m.IdentityID] {
			out = append(out, m)
		}
	}
	return out
}

// UpsertOrganizationMembers adds or re-roles members of the organization
// with id. It refuses duplicates and unknown roles, and any result without
// an owner, checking the last against the state it actually overwrites
// (see writeMembers), so concurrent requests cannot remove the last owner.
func UpsertOrganizationMembers(ctx context.Context, orgs *mongo.Collection, id string, members []Member, roles primitives.OrganizationRoles, now func() time.Time) mo.Result[*Organization] {
	return primitives.Then(CheckMembersUpsert(members, roles), func(members []Member) mo.Result[*Organization] {
		return writeMembers(ctx, orgs, id, now, ErrUpsertMembers, func(org *Organization) mo.Result[[]Member] {
			merged := MergeMembers(org.Members, members)
			if !HasOwner(merged, roles) {
				return mo.Err[[]Member](ErrOwnerRequired)
			}
			return mo.Ok(merged)
		})
	})
}

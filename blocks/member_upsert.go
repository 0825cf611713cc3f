package blocks

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/lo"
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

// MaxOrganizationMembers is the most members an organization may have.
// It bounds the organization document, which holds every member and is
// read whole by every request that addresses the organization: 10,000
// members of UUID ids make a document of about 0.7 MB (at most about 4 MB
// with identity ids of 128 characters), well below MongoDB's 16 MB, where
// the reference let member upserts grow one document without limit. An
// upsert that would exceed it is refused with ErrTooManyMembers;
// re-roling members already there is not.
const MaxOrganizationMembers = 10000

// ErrTooManyMembers: the upsert would take the organization above
// MaxOrganizationMembers members.
var ErrTooManyMembers = primitives.StatusError(http.StatusConflict,
	"An organization cannot have more than "+strconv.Itoa(MaxOrganizationMembers)+" members")

// checkMembersCap refuses a members list that grows above
// MaxOrganizationMembers. One that does not grow passes even above the
// cap (an organization stored before the cap, or by a Node service), so
// roles can still be changed there.
func checkMembersCap(before, after []Member) error {
	if len(after) > MaxOrganizationMembers && len(after) > len(before) {
		return ErrTooManyMembers
	}
	return nil
}

// CheckDistinctMembers refuses a request naming an identity twice.
func CheckDistinctMembers(members []Member) error {
	if len(lo.UniqBy(members, memberIdentity)) != len(members) {
		return ErrDuplicateMembers
	}
	return nil
}

// memberIdentity is the key of a member in a members list.
func memberIdentity(m Member) string { return m.IdentityID }

// CheckMembersUpsert validates an upsert request on its own: distinct
// identities and configured roles only.
func CheckMembersUpsert(members []Member, roles nodeblocks.OrganizationRoles) mo.Result[[]Member] {
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

// OwnerRemainsAfterUpsert is the owner rule of a members upsert, the
// reference's: with requested applied over existing (each identity takes
// its last requested role, else its last stored one), some identity must
// have the owner role. validators.HasOrgOwnerRemainingAfterMembersUpsert
// checks it on the request before the schema, for a clear 409 ahead of
// other errors; UpsertOrganizationMembers checks it again against the
// state it overwrites.
func OwnerRemainsAfterUpsert(existing, requested []Member, roles nodeblocks.OrganizationRoles) bool {
	roleOf := lo.SliceToMap(lo.Concat(existing, requested), func(m Member) (string, string) { return m.IdentityID, m.Role })
	return lo.Contains(lo.Values(roleOf), roles.Owner)
}

// MergeMembers returns the members after an upsert: the requested entries
// in request order, then the existing members not named in the request, in
// their order.
func MergeMembers(existing, upsert []Member) []Member {
	named := lo.KeyBy(upsert, memberIdentity)
	kept := lo.Reject(existing, func(m Member, _ int) bool { _, ok := named[m.IdentityID]; return ok })
	return lo.Concat(upsert, kept)
}

// UpsertOrganizationMembers adds or re-roles members of the organization
// with id. It refuses duplicates and unknown roles, any result without an
// owner and any result that grows the organization above
// MaxOrganizationMembers, checking the last two against the state it
// actually overwrites (see writeMembers), so concurrent requests cannot
// remove the last owner or overshoot the cap.
func UpsertOrganizationMembers(ctx context.Context, orgs *mongo.Collection, id string, members []Member, roles nodeblocks.OrganizationRoles, now func() time.Time) mo.Result[*Organization] {
	return primitives.Then(CheckMembersUpsert(members, roles), func(members []Member) mo.Result[*Organization] {
		return writeMembers(ctx, orgs, id, now, ErrUpsertMembers, func(org *Organization) mo.Result[[]Member] {
			if !OwnerRemainsAfterUpsert(org.Members, members, roles) {
				return mo.Err[[]Member](ErrOwnerRequired)
			}
			merged := MergeMembers(org.Members, members)
			if err := checkMembersCap(org.Members, merged); err != nil {
				return mo.Err[[]Member](err)
			}
			return mo.Ok(merged)
		})
	})
}

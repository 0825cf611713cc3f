package blocks

import (
	"context"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrDeleteMember: the members write failed in the database.
var ErrDeleteMember = primitives.StatusError(http.StatusInternalServerError, "Failed to delete organization member")

// RemoveMember returns members without any entry of identityID.
func RemoveMember(members []Member, identityID string) []Member {
	out := make([]Member, 0, len(members))
	for _, m := range members {
		if m.IdentityID != identityID {
			out = append(out, m)
		}
	}
	return out
}

// DeleteOrganizationMember removes identityID from the members of the
// organization with id (removing a non-member just bumps updatedAt, as in
// the reference). It refuses to leave the organization without an owner,
// checked against the state it overwrites (see writeMembers). The
// reference's conditional $pull is not portable; this computes the list in
// Go and writes it with a guard.
func DeleteOrganizationMember(ctx context.Context, orgs *mongo.Collection, id, identityID string, roles nodeblocks.OrganizationRoles, now func() time.Time) mo.Result[*Organization] {
	return writeMembers(ctx, orgs, id, now, ErrDeleteMember, func(org *Organization) mo.Result[[]Member] {
		rest := RemoveMember(org.Members, identityID)
		if !HasOwner(rest, roles) {
			return mo.Err[[]Member](ErrOwnerRequired)
		}
		return mo.Ok(rest)
	})
}

package blocks

import (
	"context"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrOwnerRequired: the change would leave the organization without an
// owner.
var ErrOwnerRequired = primitives.StatusError(http.StatusConflict, "There must be at least one owner remaining in the organization")

// ErrMembersConflict: other writes kept changing the organization while
// its members were being written; the client may retry.
var ErrMembersConflict = &primitives.Error{Kind: KindOrganizationConflict, Status: http.StatusConflict, Message: "The organization was modified concurrently; try again"}

// maxMemberWriteAttempts bounds the optimistic retries of a members write;
// each lost attempt means another write succeeded, so this only runs out
// under sustained contention.
const maxMemberWriteAttempts = 64

// writeMembers replaces the members of the organization with id by
// change(current), guarded against concurrent writes: it reads the
// organization, computes the new members in Go, and $sets them only if
// updatedAt is still the value it read, retrying on a lost race. change
// runs again on each attempt, so invariants it checks (an owner remains)
// hold for the state actually overwritten.
//
// updatedAt is made strictly increasing (at least 1 ms after the value
// read) so that two writes within one millisecond still tell apart.
//
// Within one process the writes to an organization's members are also
// serialized by a striped lock: the guard is what makes concurrent writers
// across processes safe on MongoDB, but FerretDB 1.24 does not apply a
// filtered update atomically (measured: lost updates under 20 parallel
// writers), and serializing locally also spares MongoDB the retries.
func writeMembers(ctx context.Context, orgs *mongo.Collection, id string, now func() time.Time, failure *primitives.Error, change func(*Organization) mo.Result[[]Member]) mo.Result[*Organization] {
	defer lockDocument(orgs, id)()
	for range maxMemberWriteAttempts {
		org, err := GetOrganizationByID(ctx, orgs, id).Get()
		if err != nil {
			return mo.Err[*Organization](err)
		}
		members, err := change(org).Get()
		if err != nil {
			return mo.Err[*Organization](err)
		}
		updatedAt := NextTimestamp(now(), org.UpdatedAt)
		var old any = org.UpdatedAt
		if org.UpdatedAt == "" {
			old = nil // matches a missing updatedAt too
		}
		res, err := orgs.UpdateOne(ctx,
			bson.D{bson.E{Key: "id", Value: id}, bson.E{Key: "updatedAt", Value: old}},
			bson.D{bson.E{Key: "$set", Value: bson.D{
				bson.E{Key: "members", Value: members},
				bson.E{Key: "updatedAt", Value: updatedAt},
			}}})
		if err != nil {
			return mo.Err[*Organization](failure.Wrap(err))
		}
		if res.MatchedCount == 1 {
			org.Members, org.UpdatedAt = members, updatedAt
			return mo.Ok(org)
		}
	}
	return mo.Err[*Organization](ErrMembersConflict)
}

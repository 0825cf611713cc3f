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
var ErrMembersConflict = primitives.StatusError(http.StatusConflict, "The organization was modified concurrently; try again")

// maxMemberWriteAttempts bounds the optimistic retries of a members write;
// each lost attempt means another write succeeded, so this only runs out
// under sustained contention.
const maxMemberWriteAttempts = 64

// writeMembers replaces the members of the organization with id by
// change(current), guarded against concurrent writes (guardedRewrite):
// change runs again on each attempt, so invariants it checks (an owner
// remains) hold for the state actually overwritten. Errors: the lookup's
// (404/500), change's, failure wrapping a failed write, ErrMembersConflict
// after maxMemberWriteAttempts lost races.
func writeMembers(ctx context.Context, orgs *mongo.Collection, id string, now func() time.Time, failure *primitives.Error, change func(*Organization) mo.Result[[]Member]) mo.Result[*Organization] {
	return guardedRewrite(ctx, orgs, id, rewrite[Organization]{
		read: func(ctx context.Context) mo.Result[*Organization] {
			return GetOrganizationByID(ctx, orgs, id)
		},
		updatedAt: func(org *Organization) *string { return &org.UpdatedAt },
		change: func(org *Organization) mo.Result[guardedUpdate] {
			members, err := change(org).Get()
			if err != nil {
				return mo.Err[guardedUpdate](err)
			}
			org.Members = members
			return mo.Ok(guardedUpdate{set: bson.D{bson.E{Key: "members", Value: members}}})
		},
		now:      now,
		attempts: maxMemberWriteAttempts,
		failure:  failure,
		conflict: ErrMembersConflict,
	})
}

package blocks

import (
	"context"
	"strconv"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// followPath is the dotted path of the followed organization ids.
const followPath = "organizationFollows.followOrganizationId"

// unfollowAttempts bounds the read-compute-write retries of
// UnfollowOrganization under contention.
const unfollowAttempts = 8

// FollowOrganization makes the profile follow the organization, once:
// 409-kind "Organization is already followed" when it already does (or when
// the profile does not exist, as in the reference, whose routes check the
// profile first).
//
// The check and the append are one atomic update whose filter excludes
// profiles that already follow the organization, so concurrent follows of
// the same organization by the same profile store it once. The exclusion
// is written $nor: [{path: id}] because $ne on a dotted array path is not
// portable (docs/mongo-portable.md). updatedAt is raised to now with $max,
// never lowered: a guarded write (UnfollowOrganization) may have moved it
// past the clock. When $max leaves it as it was, the unfollow guard still
// sees the follow through the length of organizationFollows. Within one
// process the writes to a profile are also serialized (see lockDocument).
func FollowOrganization(ctx context.Context, profiles *mongo.Collection, profileID, organizationID string, now time.Time) mo.Result[OrganizationFollow] {
	defer lockDocument(profiles, profileID)()
	ts := Timestamp(now)
	follow := OrganizationFollow{FollowOrganizationID: organizationID, CreatedAt: ts, UpdatedAt: ts}
	filter := bson.D{
		bson.E{Key: "id", Value: profileID},
		bson.E{Key: "$nor", Value: bson.A{bson.D{bson.E{Key: followPath, Value: organizationID}}}},
	}
	update := bson.D{
		bson.E{Key: "$push", Value: bson.D{bson.E{Key: "organizationFollows", Value: follow}}},
		bson.E{Key: "$max", Value: bson.D{bson.E{Key: "updatedAt", Value: ts}}},
	}
	res, err := profiles.UpdateOne(ctx, filter, update)
	switch {
	case err != nil:
		return mo.Err[OrganizationFollow](ErrCreateOrganizationFollow.Wrap(err))
	case res.MatchedCount == 0 || res.ModifiedCount == 0:
		return mo.Err[OrganizationFollow](ErrOrganizationAlreadyFollowed)
	}
	return mo.Ok(follow)
}

// UnfollowOrganization removes every follow of the organization from the
// profile: 404-kind "Organization follow not found" when the profile does
// not follow it (or does not exist).
//
// A conditional $pull is not portable (FerretDB silently ignores it), so the
// block rewrites the follows with guardedRewrite: it reads the profile,
// computes the remaining follows and $sets them, guarded by the updatedAt
// it read and by "no more follows than it saw" (a concurrent follow
// appends one, and may leave updatedAt as it was). After unfollowAttempts
// lost races it gives up with KindProfileConflict.
func UnfollowOrganization(ctx context.Context, profiles *mongo.Collection, profileID, organizationID string, now time.Time) mo.Result[*Profile] {
	return guardedRewrite(ctx, profiles, profileID, rewrite[Profile]{
		read: func(ctx context.Context) mo.Result[*Profile] {
			p, err := GetProfileByID(ctx, profiles, profileID).Get()
			switch {
			case err != nil && primitives.AsError(err).Kind.Is(KindProfileNotFound):
				return mo.Err[*Profile](ErrOrganizationFollowNotFound)
			case err != nil:
				return mo.Err[*Profile](ErrDeleteOrganizationFollow.Wrap(err))
			}
			return mo.Ok(p)
		},
		updatedAt: func(p *Profile) *string { return &p.UpdatedAt },
		change: func(p *Profile) mo.Result[guardedUpdate] {
			if !p.Follows(organizationID) {
				return mo.Err[guardedUpdate](ErrOrganizationFollowNotFound)
			}
			remaining := make([]OrganizationFollow, 0, len(p.OrganizationFollows))
			for _, f := range p.OrganizationFollows {
				if f.FollowOrganizationID != organizationID {
					remaining = append(remaining, f)
				}
			}
			// No follow beyond the ones read: organizationFollows.N absent.
			next := "organizationFollows." + strconv.Itoa(len(p.OrganizationFollows))
			p.OrganizationFollows = remaining
			return mo.Ok(guardedUpdate{
				set:   bson.D{bson.E{Key: "organizationFollows", Value: remaining}},
				guard: bson.D{bson.E{Key: next, Value: bson.D{bson.E{Key: "$exists", Value: false}}}},
			})
		},
		now:      func() time.Time { return now },
		attempts: unfollowAttempts,
		failure:  ErrDeleteOrganizationFollow,
		conflict: ErrProfileWriteConflict,
	})
}

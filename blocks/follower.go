package blocks

import (
	"context"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Follower is how an organization's followers list shows a following
// profile: its id and name, and its avatar as {type, url} when it has one.
type Follower struct {
	Avatar *File  `json:"avatar,omitempty"`
	ID     string `json:"id"`
	Name   string `json:"name"`
}

// FindFollowers returns one page of the profiles that follow the
// organization, in natural order.
//
// The filter is a positive match on the dotted path
// organizationFollows.followOrganizationId, which is portable and equivalent
// to the reference's $elemMatch on a single field.
func FindFollowers(ctx context.Context, profiles *mongo.Collection, organizationID string, page primitives.Page) mo.Result[primitives.Paged[*Profile]] {
	filter := bson.D{bson.E{Key: followPath, Value: organizationID}}
	proj := options.Find().SetProjection(bson.D{bson.E{Key: "_id", Value: 0}})
	p, err := primitives.FindPage[*Profile](ctx, profiles, filter, page, proj)
	if err != nil {
		return mo.Err[primitives.Paged[*Profile]](ErrFindProfiles.Wrap(err))
	}
	return mo.Ok(p)
}

// NormalizeFollowers turns following profiles into the followers list's
// items, signing each avatar's download URL. One avatar that cannot be
// signed fails the list with "Failed to normalize file."
// (KindFileStorageService), as in the reference.
func NormalizeFollowers(ctx context.Context, storage files.Storage, followers []*Profile) mo.Result[[]Follower] {
	return primitives.Each(followers, func(p *Profile) mo.Result[Follower] {
		f := Follower{ID: p.ID, Name: p.Name}
		if a := p.Avatar.File; a != nil {
			avatar, err := signedFile(ctx, storage, a)
			if err != nil {
				return mo.Err[Follower](ErrNormalizeFile.Wrap(err))
			}
			f.Avatar = avatar
		}
		return mo.Ok(f)
	})
}

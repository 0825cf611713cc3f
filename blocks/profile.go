package blocks

import (
	"context"
	"time"

	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Profile is a document of the profiles collection,
// shared with Node services running the reference. Fields come in the order
// the reference's create writes them (the three follow/like lists, the
// body's fields, then createdAt, id, updatedAt), so responses list keys in
// the same order.
//
// An identity follows an organization through one of its profiles: the
// organization's followers are profiles, not identities.
type Profile struct {
	// MongoID is Mongo's _id; it is never returned.
	MongoID any `bson:"_id,omitempty" json:"-"`

	OrganizationFollows []OrganizationFollow `bson:"organizationFollows" json:"organizationFollows"`
	ProductLikes        []ProductLike        `bson:"productLikes" json:"productLikes"`
	ProfileFollows      []ProfileFollow      `bson:"profileFollows" json:"profileFollows"`

	// IdentityID is the owning identity; OwnsProfile compares it with the
	// caller. An identity may own several profiles.
	IdentityID string `bson:"identityId" json:"identityId"`
	Name       string `bson:"name" json:"name"`
	// Avatar may be absent, null or a file; it is echoed as stored, with
	// the objectId replaced by a signed URL in responses.
	Avatar OptionalFile `bson:"avatar,omitempty" json:"avatar,omitzero"`

	CreatedAt string `bson:"createdAt" json:"createdAt"`
	// ID is the profile id (UUID v4), the key of every lookup.
	ID        string `bson:"id" json:"id"`
	UpdatedAt string `bson:"updatedAt" json:"updatedAt"`
}

// OrganizationFollow records that a profile follows an organization.
type OrganizationFollow struct {
	FollowOrganizationID string `bson:"followOrganizationId" json:"followOrganizationId"`
	CreatedAt            string `bson:"createdAt" json:"createdAt"`
	UpdatedAt            string `bson:"updatedAt" json:"updatedAt"`
}

// ProfileFollow records that a profile follows another profile. Blockyard
// does not write it yet; it is modelled so that profiles written by a Node
// service round-trip.
type ProfileFollow struct {
	FollowProfileID string `bson:"followProfileId" json:"followProfileId"`
	CreatedAt       string `bson:"createdAt" json:"createdAt"`
	UpdatedAt       string `bson:"updatedAt" json:"updatedAt"`
}

// ProductLike records that a profile likes a product; modelled for the
// same reason as ProfileFollow.
type ProductLike struct {
	LikeProductID string `bson:"likeProductId" json:"likeProductId"`
	CreatedAt     string `bson:"createdAt" json:"createdAt"`
	UpdatedAt     string `bson:"updatedAt" json:"updatedAt"`
}

// Follows reports whether the profile follows the organization.
func (p *Profile) Follows(organizationID string) bool {
	for _, f := range p.OrganizationFollows {
		if f.FollowOrganizationID == organizationID {
			return true
		}
	}
	return false
}

// NewProfile describes a profile to create: a create body, already
// validated and coerced by the route's schema.
type NewProfile struct {
	IdentityID string       `json:"identityId"`
	Name       string       `json:"name"`
	Avatar     OptionalFile `json:"avatar,omitzero"`
}

// CreateProfile stores a new profile with empty follow and like lists and
// returns it. Nothing checks that the identity exists or already has a
// profile: several profiles per identity are allowed, as in the reference.
func CreateProfile(ctx context.Context, profiles *mongo.Collection, in NewProfile, now time.Time, newID func() string) mo.Result[*Profile] {
	ts := Timestamp(now)
	p := &Profile{
		OrganizationFollows: []OrganizationFollow{},
		ProductLikes:        []ProductLike{},
		ProfileFollows:      []ProfileFollow{},
		IdentityID:          in.IdentityID,
		Name:                in.Name,
		Avatar:              in.Avatar,
		CreatedAt:           ts,
		ID:                  newID(),
		UpdatedAt:           ts,
	}
	if _, err := profiles.InsertOne(ctx, p); err != nil {
		return mo.Err[*Profile](ErrCreateProfile.Wrap(err))
	}
	p.MongoID = nil
	return mo.Ok(p)
}

// GetProfileByID loads the profile with the given id: "Profile not found"
// (KindProfileNotFound) when there is none, "Failed to get profile."
// (KindProfileBlock) when the database fails.
func GetProfileByID(ctx context.Context, profiles *mongo.Collection, id string) mo.Result[*Profile] {
	return findOneByID[Profile](ctx, profiles, id, ErrProfileNotFound, ErrGetProfile)
}

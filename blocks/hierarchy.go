package blocks

import (
	"context"
	"math"
	"regexp"
	"strconv"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrInvalidDepth: depth is not a whole number (e.g. "1.5", which the
// route's number schema lets through). Mapped to 400.
var ErrInvalidDepth = primitives.NewError(KindOrganizationInvalidQuery, "Depth must be a string number")

var wholeNumber = regexp.MustCompile(`^\d+$`)

// BuildDescendantsQuery returns the filter of org's descendants: the
// organizations listing org among their ancestors, and with depth d ("" for
// any) only those at most d levels below org. The depth limit is portable
// (no $expr): "ancestors.N does not exist" means "at most N ancestors".
func BuildDescendantsQuery(org *Organization, depth string) mo.Result[bson.D] {
	filter := bson.D{bson.E{Key: "ancestors", Value: org.ID}}
	if depth == "" {
		return mo.Ok(filter)
	}
	if !wholeNumber.MatchString(depth) {
		return mo.Err[bson.D](ErrInvalidDepth)
	}
	d, err := strconv.Atoi(depth)
	if err != nil || d > math.MaxInt32 {
		d = math.MaxInt32 // deeper than any hierarchy
	}
	maxLen := len(org.Ancestors) + d
	return mo.Ok(append(filter, bson.E{Key: "ancestors." + strconv.Itoa(maxLen), Value: bson.D{bson.E{Key: "$exists", Value: false}}}))
}

// FindDescendants returns one page of the organizations matching a
// BuildDescendantsQuery filter, as stored (no URL normalization, as the
// reference).
func FindDescendants(ctx context.Context, orgs *mongo.Collection, filter bson.D, page primitives.Page) mo.Result[primitives.Paged[*Organization]] {
	return findPage(ctx, orgs, filter, page)
}

// FindAncestorsWithMember returns the ancestors of org in which identityID
// is listed as a member (queried on the dotted path, which is portable; the
// exact role is read in Go).
func FindAncestorsWithMember(ctx context.Context, orgs *mongo.Collection, org *Organization, identityID string) mo.Result[[]*Organization] {
	return findAncestorsWithMember(ctx, orgs, org.Ancestors, identityID)
}

func findAncestorsWithMember(ctx context.Context, orgs *mongo.Collection, ids []string, identityID string) mo.Result[[]*Organization] {
	if len(ids) == 0 {
		return mo.Ok([]*Organization{})
	}
	return findAll(ctx, orgs, bson.D{
		bson.E{Key: "id", Value: bson.D{bson.E{Key: "$in", Value: ids}}},
		bson.E{Key: "members.identityId", Value: identityID},
	})
}

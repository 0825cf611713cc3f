package blocks

import (
	"context"
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrFindOrganizations: a list query failed in the database.
var ErrFindOrganizations = primitives.StatusError(http.StatusInternalServerError, "Failed to find organizations")

// OrganizationFilter is the admin list's filter: exact, case-sensitive
// equality on each field that is set.
type OrganizationFilter struct {
	ContactEmail *string `bson:"contact_email,omitempty"`
	ContactPhone *string `bson:"contact_phone,omitempty"`
	Description  *string `bson:"description,omitempty"`
	Name         *string `bson:"name,omitempty"`
}

// FindOrganizations returns one page of the organizations matching filter
// (natural order, as the reference).
func FindOrganizations(ctx context.Context, orgs *mongo.Collection, filter OrganizationFilter, page primitives.Page) mo.Result[primitives.Paged[*Organization]] {
	return findPage(ctx, orgs, filter, page)
}

// findPage pages any organization filter.
func findPage(ctx context.Context, orgs *mongo.Collection, filter any, page primitives.Page) mo.Result[primitives.Paged[*Organization]] {
	p, err := primitives.FindPage[*Organization](ctx, orgs, filter, page)
	if err != nil {
		return mo.Err[primitives.Paged[*Organization]](ErrFindOrganizations.Wrap(err))
	}
	return mo.Ok(p)
}

// findAll returns every organization matching filter.
func findAll(ctx context.Context, orgs *mongo.Collection, filter bson.D) mo.Result[[]*Organization] {
	cur, err := orgs.Find(ctx, filter)
	if err != nil {
		return mo.Err[[]*Organization](ErrFindOrganizations.Wrap(err))
	}
	out := []*Organization{}
	if err := cur.All(ctx, &out); err != nil {
		return mo.Err[[]*Organization](ErrFindOrganizations.Wrap(err))
	}
	return mo.Ok(out)
}

package blocks

import (
	"context"
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrDeleteOrganization: the delete failed in the database.
var ErrDeleteOrganization = primitives.StatusError(http.StatusInternalServerError, "Failed to delete organization")

// DeleteOrganization deletes org's logo file, then org. If the file cannot
// be deleted the organization is kept. Descendants, change requests and
// followers are left as they are (no cascade, as in the reference).
func DeleteOrganization(ctx context.Context, orgs *mongo.Collection, storage files.Storage, org *Organization) mo.Result[*Organization] {
	return primitives.Then(DeleteLogoOfOwner(ctx, storage, org), func(org *Organization) mo.Result[*Organization] {
		res, err := orgs.DeleteOne(ctx, byID(org.ID))
		switch {
		case err != nil:
			return mo.Err[*Organization](ErrDeleteOrganization.Wrap(err))
		case res.DeletedCount == 0:
			return mo.Err[*Organization](ErrOrganizationNotFound)
		}
		return mo.Ok(org)
	})
}

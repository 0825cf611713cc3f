package blocks

import (
	"context"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrCheckOrganizationName: the duplicate-name query failed.
var ErrCheckOrganizationName = primitives.NewError(KindOrganizationDB, "Failed to check organization with same name does not already exist for organization owners")

// duplicateNameError is the 400-kind answer to a name another organization
// of the same owner already has.
func duplicateNameError(name string) *primitives.Error {
	return primitives.NewError(KindOrganizationBadRequest, "Organization with name "+name+" already exists with same owner")
}

// byOrganizationID is the filter of the documents of one organization.
func byOrganizationID(id string) bson.D { return bson.D{bson.E{Key: "organizationId", Value: id}} }

// ValidateOrganizationName lets a change request propose name for org
// unless another organization with exactly that name (case-sensitive) is
// owned by one of org's owners. An empty name or org's current
// name is always fine. ownerRole is the stored owner role value.
//
// $elemMatch on members is not portable, so the query matches the owners'
// ids positively on the dotted path and Go checks that one of them is an
// owner there too.
func ValidateOrganizationName(ctx context.Context, orgs *mongo.Collection, org *Organization, name, ownerRole string) mo.Result[*Organization] {
	if name == "" || name == org.Name {
		return mo.Ok(org)
	}
	owners := map[string]bool{}
	ids := bson.A{}
	for _, m := range org.Members {
		if m.Role == ownerRole && !owners[m.IdentityID] {
			owners[m.IdentityID] = true
			ids = append(ids, m.IdentityID)
		}
	}
	if len(ids) == 0 {
		return mo.Ok(org)
	}
	filter := bson.D{
		bson.E{Key: "id", Value: bson.D{bson.E{Key: "$ne", Value: org.ID}}},
		bson.E{Key: "members.identityId", Value: bson.D{bson.E{Key: "$in", Value: ids}}},
		bson.E{Key: "name", Value: name},
	}
	candidates, err := findAll(ctx, orgs, filter).Get()
	if err != nil {
		return mo.Err[*Organization](ErrCheckOrganizationName.Wrap(err))
	}
	for _, c := range candidates {
		for _, m := range c.Members {
			if owners[m.IdentityID] && m.Role == ownerRole {
				return mo.Err[*Organization](duplicateNameError(name))
			}
		}
	}
	return mo.Ok(org)
}

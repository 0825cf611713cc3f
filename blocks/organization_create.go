package blocks

import (
	"context"
	"slices"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrCreateOrganization: the insert failed. Its kind is not mapped by the
// create route, so it is a 500 with "data": [] as in the reference.
var ErrCreateOrganization = primitives.NewError(KindOrganizationDB, "Failed to create organization")

// NewOrganization is a creation request: the organization's fields, the
// identity that becomes its first owner and, for a child, its parent's id.
type NewOrganization struct {
	Organization OrganizationFields `json:"organization"`
	OwnerID      string             `json:"ownerId"`
	ParentID     string             `json:"parentId,omitempty"`
}

// CalculateChildAncestors returns the ancestors of a new child of parent:
// the parent's ancestors followed by the parent, root first.
func CalculateChildAncestors(parent *Organization) []string {
	return append(slices.Clip(parent.Ancestors), parent.ID)
}

// CreateOrganization stores a new organization with id and the given
// ancestors (nil for a root), whose only member is in.OwnerID with the
// owner role value of roles (the service's nodeblocks.Config.OrganizationRoles), and
// returns it with its logo turned into a download URL. roles is taken
// whole, not as a string, so the role value cannot be swapped with the
// identity or organization ids around it.
//
// The logo URL is signed before the insert, so a storage failure ("Failed
// to normalize logo.") leaves nothing behind; the reference inserted first
// and then failed.
func CreateOrganization(ctx context.Context, orgs *mongo.Collection, storage files.Storage, in NewOrganization, ancestors []string, roles nodeblocks.OrganizationRoles, now time.Time, id string) mo.Result[*Organization] {
	doc, err := in.Organization.document()
	if err != nil {
		return mo.Err[*Organization](ErrCreateOrganization.Wrap(err))
	}
	if ancestors == nil {
		ancestors = []string{}
	}
	var parentID *string
	if in.ParentID != "" {
		parentID = &in.ParentID
	}
	ts := Timestamp(now)
	doc = append(doc,
		bson.E{Key: "ancestors", Value: ancestors},
		bson.E{Key: "members", Value: []Member{{IdentityID: in.OwnerID, Role: roles.Owner}}},
		bson.E{Key: "parentId", Value: parentID},
		bson.E{Key: "createdAt", Value: ts},
		bson.E{Key: "id", Value: id},
		bson.E{Key: "updatedAt", Value: ts},
	)
	var org Organization
	if err := roundTrip(doc, &org); err != nil {
		return mo.Err[*Organization](ErrCreateOrganization.Wrap(err))
	}
	normalized := NormalizeLogoOfOwner(ctx, storage, &org)
	if normalized.IsError() {
		return normalized
	}
	if _, err := orgs.InsertOne(ctx, doc); err != nil {
		return mo.Err[*Organization](ErrCreateOrganization.Wrap(err))
	}
	return normalized
}

// roundTrip decodes a document into v the way it will be read back.
func roundTrip(doc bson.D, v any) error {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return err
	}
	return bson.Unmarshal(raw, v)
}

package blocks

import (
	"context"
	"slices"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/lo"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Membership is one entry of an identity's organizations: its role there
// and the organization.
type Membership struct {
	Member       MemberRole    `json:"member"`
	Organization *Organization `json:"organization"`
}

// MembershipQuery selects an identity's organizations.
type MembershipQuery struct {
	// IdentityID is the member.
	IdentityID string
	// Roles, when not nil, keeps only organizations where the identity's
	// direct role is one of these values.
	Roles []string
	// IncludeInherited adds every descendant of those organizations, with
	// the role inherited from the best ancestor.
	IncludeInherited bool
	// Page selects a page of the result; nil means the reference's
	// behaviour: the first 10 direct organizations, or every organization
	// with IncludeInherited.
	Page *primitives.Page
}

// FindOrganizationsForMember lists q.IdentityID's organizations with its
// role in each, with logos and certificates turned into download URLs (also
// with IncludeInherited, where the reference returned raw references).
//
// The reference's $elemMatch on members is not portable: the query matches
// the dotted paths and the exact membership is checked in Go.
func FindOrganizationsForMember(ctx context.Context, orgs *mongo.Collection, storage files.Storage, q MembershipQuery, roles nodeblocks.OrganizationRoles) mo.Result[[]Membership] {
	direct, err := findDirectOrganizations(ctx, orgs, q).Get()
	if err != nil {
		return mo.Err[[]Membership](err)
	}
	var list []Membership
	if q.IncludeInherited {
		list, err = withInheritedRoles(ctx, orgs, direct, q.IdentityID, roles).Get()
		if err != nil {
			return mo.Err[[]Membership](err)
		}
	} else {
		list = make([]Membership, 0, len(direct))
		for _, o := range direct {
			role, _ := o.MemberRole(q.IdentityID)
			list = append(list, Membership{Member: MemberRole{Role: role}, Organization: o})
		}
	}
	if q.Page != nil || !q.IncludeInherited {
		list = primitives.PageSlice(list, lo.FromPtr(q.Page)).Data // nil: the zero, default page
	}
	return primitives.Each(list, func(m Membership) mo.Result[Membership] {
		return primitives.Map(NormalizeOrganization(ctx, storage, m.Organization), func(o *Organization) Membership {
			m.Organization = o
			return m
		})
	})
}

// findDirectOrganizations returns the organizations listing the identity
// as a member (with one of q.Roles, when set).
func findDirectOrganizations(ctx context.Context, orgs *mongo.Collection, q MembershipQuery) mo.Result[[]*Organization] {
	filter := bson.D{bson.E{Key: "members.identityId", Value: q.IdentityID}}
	if q.Roles != nil {
		filter = append(filter, bson.E{Key: "members.role", Value: bson.D{bson.E{Key: "$in", Value: q.Roles}}})
	}
	return primitives.Map(findAll(ctx, orgs, filter), func(found []*Organization) []*Organization {
		return slices.DeleteFunc(found, func(o *Organization) bool {
			return !slices.ContainsFunc(o.Members, func(m Member) bool {
				return m.IdentityID == q.IdentityID && (q.Roles == nil || slices.Contains(q.Roles, m.Role))
			})
		})
	})
}

// withInheritedRoles returns direct and all their descendants, each with
// the identity's direct or inherited role.
func withInheritedRoles(ctx context.Context, orgs *mongo.Collection, direct []*Organization, identityID string, roles nodeblocks.OrganizationRoles) mo.Result[[]Membership] {
	if len(direct) == 0 {
		return mo.Ok([]Membership{})
	}
	ids := make([]string, 0, len(direct))
	for _, o := range direct {
		ids = append(ids, o.ID)
	}
	in := bson.D{bson.E{Key: "$in", Value: ids}}
	all, err := findAll(ctx, orgs, bson.D{bson.E{Key: "$or", Value: bson.A{
		bson.D{bson.E{Key: "id", Value: in}},
		bson.D{bson.E{Key: "ancestors", Value: in}},
	}}}).Get()
	if err != nil {
		return mo.Err[[]Membership](err)
	}
	var ancestorIDs []string
	for _, o := range all {
		for _, a := range o.Ancestors {
			if !slices.Contains(ancestorIDs, a) {
				ancestorIDs = append(ancestorIDs, a)
			}
		}
	}
	ancestors, err := findAncestorsWithMember(ctx, orgs, ancestorIDs, identityID).Get()
	if err != nil {
		return mo.Err[[]Membership](err)
	}
	return primitives.Each(all, func(o *Organization) mo.Result[Membership] {
		return primitives.Map(CalculateMemberRole(o, ancestors, identityID, roles), func(r MemberRole) Membership {
			return Membership{Member: r, Organization: o}
		})
	})
}

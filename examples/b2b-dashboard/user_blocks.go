package main

import (
	"context"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/store"
	"github.com/samber/lo"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// oldestFirst lists users in the order they were added.
var oldestFirst = store.OrderBy[User]("createdAt")

// usersOf lists an organization's users (the page asked for, or all).
func usersOf(ctx context.Context, coll *mongo.Collection, orgID string, page *primitives.Page) mo.Result[List[User]] {
	return findList(ctx, coll, store.Eq[User]("organizationId", orgID), oldestFirst, page)
}

// updateUser writes the fields the body sent (name, role).
func updateUser(ctx context.Context, coll *mongo.Collection, id string, p model.Patch[UserInput], now time.Time) mo.Result[User] {
	u := User{Name: p.Value.Name, Role: p.Value.Role}
	return store.UpdateFields(ctx, coll, id, u, p.Fields, now)
}

// deleteUser removes a user.
func deleteUser(ctx context.Context, coll *mongo.Collection, id string) mo.Result[Message] {
	return primitives.Map(store.Delete[User](ctx, coll, id), func(User) Message {
		return Message{"User deleted successfully"}
	})
}

// Message is an answer that only says something.
type Message struct {
	Message string `json:"message"`
}

// withOrganizations adds each user's organization name, read with one
// indexed query for all of them ({id: {$in: [...]}}): the embedded
// database has no $lookup, and MongoDB needs none for this.
func withOrganizations(ctx context.Context, coll *mongo.Collection, us []User) mo.Result[[]UserWithOrganization] {
	ids := lo.Uniq(lo.Map(us, func(u User, _ int) string { return u.OrganizationID }))
	f := store.In[OrganizationSummary]("id", ids...)
	return primitives.Map(findList(ctx, coll, f, store.Sort[OrganizationSummary]{}, nil), func(l List[OrganizationSummary]) []UserWithOrganization {
		names := lo.SliceToMap(l.Items, func(o OrganizationSummary) (string, *OrganizationName) {
			return o.ID, &OrganizationName{Name: o.Name}
		})
		return lo.Map(us, func(u User, _ int) UserWithOrganization {
			return UserWithOrganization{User: u, Organization: names[u.OrganizationID]}
		})
	})
}

// allUsers lists users (the page asked for, or all) with their
// organization's name: two indexed queries, not a join.
func allUsers(ctx context.Context, userColl, orgColl *mongo.Collection, page *primitives.Page) mo.Result[List[UserWithOrganization]] {
	return primitives.Then(findList(ctx, userColl, store.All[User](), oldestFirst, page), func(l List[User]) mo.Result[List[UserWithOrganization]] {
		return mapList(l, func(us []User) mo.Result[[]UserWithOrganization] { return withOrganizations(ctx, orgColl, us) })
	})
}

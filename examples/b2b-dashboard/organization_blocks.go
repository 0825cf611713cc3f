package main

import (
	"context"
	"slices"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/store"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// isSlugTaken reports whether err is a write refused by the slug's unique
// index alone: a generated slug is then retried with the next number. Any
// other conflict (the e-mail's, a chosen slug's) is the client's, and the
// route answers it (see orgErrors). The store names the unique index a
// write violated, the same on MongoDB and FerretDB.
func isSlugTaken(err error) bool {
	c, ok := store.IsConflict(err)
	return ok && slices.Equal(c.Fields, []string{"slug"})
}

// createOrganization stores a new organization, with the slug the body
// chose or one made from its name (see withFreeSlug).
func createOrganization(ctx context.Context, coll *mongo.Collection, in OrganizationInput, now time.Time, newID func() string) mo.Result[Organization] {
	insert := func(slug string) mo.Result[Organization] {
		return store.Insert(ctx, coll, in.organization(slug), now, newID)
	}
	if in.Slug != nil {
		return primitives.Then(checkSlug(*in.Slug), insert)
	}
	return withFreeSlug(ctx, coll, in.Name, "", insert, isSlugTaken)
}

// updateOrganization writes the fields the body sent. A new name gives a
// new slug (unless the body also sets one, or the slug already belongs to
// the new name): the original kept the old name's slug forever.
func updateOrganization(ctx context.Context, coll *mongo.Collection, id string, p model.Patch[OrganizationInput], now time.Time) mo.Result[Organization] {
	return primitives.Then(store.FindByID[Organization](ctx, coll, id), func(cur Organization) mo.Result[Organization] {
		fields := slices.DeleteFunc(slices.Clone(p.Fields), func(f string) bool { return f == "slug" })
		write := func(slug string) mo.Result[Organization] {
			f := fields
			if slug != "" {
				f = append(slices.Clone(fields), "slug")
			}
			return store.UpdateFields(ctx, coll, id, p.Value.organization(slug), f, now)
		}
		switch {
		case p.Value.Slug != nil: // chosen
			return primitives.Then(checkSlug(*p.Value.Slug), write)
		case p.Has("name") && !hasBase(Slugify(p.Value.Name), cur.Slug): // renamed
			return withFreeSlug(ctx, coll, p.Value.Name, id, write, isSlugTaken)
		}
		return write("")
	})
}

// byName lists organizations by name.
var byName = store.OrderBy[OrganizationSummary]("name")

// organizationsPage lists organizations by name: the page asked for, or
// every one when page is nil.
func organizationsPage(ctx context.Context, coll *mongo.Collection, page *primitives.Page) mo.Result[List[OrganizationSummary]] {
	return findList(ctx, coll, store.All[OrganizationSummary](), byName, page)
}

package main

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/store"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// errSlugTaken is a write refused by the slug's unique index alone: the
// caller retries a generated slug, and answers errDuplicate for a chosen
// one.
var errSlugTaken = errors.New("slug taken")

// duplicate tells the store's conflicts apart: the slug's alone is
// errSlugTaken, any other (the e-mail's) errDuplicate. The store names the
// unique index a write violated, the same on MongoDB and FerretDB.
func duplicate[T any](res mo.Result[T]) mo.Result[T] {
	c, ok := store.IsConflict(res.Error())
	switch {
	case !ok:
		return res
	case slices.Equal(c.Fields, []string{"slug"}):
		return mo.Err[T](errSlugTaken)
	}
	return mo.Err[T](errDuplicate.Wrap(res.Error()))
}

// final turns a slug conflict the caller will not retry into errDuplicate.
func final[T any](res mo.Result[T]) mo.Result[T] {
	if isSlugTaken(res.Error()) {
		return mo.Err[T](errDuplicate)
	}
	return res
}

func isSlugTaken(err error) bool { return errors.Is(err, errSlugTaken) }

// notFound replaces the store's generic not-found error by e, whose
// message names what was not found.
func notFound[T any](res mo.Result[T], e *primitives.Error) mo.Result[T] {
	if store.IsNotFound(res.Error()) {
		return mo.Err[T](e.Wrap(res.Error()))
	}
	return res
}

// findOrganization reads one organization; errOrganizationNotFound when
// there is none.
func findOrganization(ctx context.Context, coll *mongo.Collection, id string) mo.Result[Organization] {
	return notFound(store.FindByID[Organization](ctx, coll, id), errOrganizationNotFound)
}

// createOrganization stores a new organization, with the slug the body
// chose or one made from its name (see withFreeSlug).
func createOrganization(ctx context.Context, coll *mongo.Collection, in OrganizationInput, now time.Time, newID func() string) mo.Result[Organization] {
	insert := func(slug string) mo.Result[Organization] {
		return duplicate(store.Insert(ctx, coll, in.organization(slug), now, newID))
	}
	if in.Slug != nil {
		return final(primitives.Then(checkSlug(*in.Slug), insert))
	}
	return final(withFreeSlug(ctx, coll, in.Name, "", insert, isSlugTaken))
}

// updateOrganization writes the fields the body sent. A new name gives a
// new slug (unless the body also sets one, or the slug already belongs to
// the new name): the original kept the old name's slug forever.
func updateOrganization(ctx context.Context, coll *mongo.Collection, id string, p model.Patch[OrganizationInput], now time.Time) mo.Result[Organization] {
	return primitives.Then(findOrganization(ctx, coll, id), func(cur Organization) mo.Result[Organization] {
		fields := slices.DeleteFunc(slices.Clone(p.Fields), func(f string) bool { return f == "slug" })
		write := func(slug string) mo.Result[Organization] {
			f := fields
			if slug != "" {
				f = append(slices.Clone(fields), "slug")
			}
			return duplicate(notFound(store.UpdateFields(ctx, coll, id, p.Value.organization(slug), f, now), errOrganizationNotFound))
		}
		switch {
		case p.Value.Slug != nil: // chosen
			return final(primitives.Then(checkSlug(*p.Value.Slug), write))
		case p.Has("name") && !hasBase(Slugify(p.Value.Name), cur.Slug): // renamed
			return final(withFreeSlug(ctx, coll, p.Value.Name, id, write, isSlugTaken))
		}
		return final(write(""))
	})
}

// byName lists organizations by name.
var byName = store.OrderBy[OrganizationSummary]("name")

// organizationsPage lists organizations by name: the page asked for, or
// every one when page is nil.
func organizationsPage(ctx context.Context, coll *mongo.Collection, page *primitives.Page) mo.Result[List[OrganizationSummary]] {
	return findList(ctx, coll, store.All[OrganizationSummary](), byName, page)
}

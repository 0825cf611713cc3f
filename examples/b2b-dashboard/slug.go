package main

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The slug is this app's own block: the library has no opinion on how an
// organization's URL name is made, only on how a unique index refuses a
// second one.

var (
	// kindBadSlug: the name gives no slug (only whitespace), or a slug the
	// client chose is not one (upper case, whitespace).
	kindBadSlug  = primitives.NewKind("BadSlug", primitives.KindBlock)
	errBlankName = primitives.NewError(kindBadSlug, "name must contain a non-space character")
	errBadSlug   = primitives.NewError(kindBadSlug, "slug must be lower-case, without whitespace")
)

// maxSlugAttempts bounds the retries of a write whose generated slug was
// taken between the read that chose it and the write: each retry means
// another create of the same name won, so N concurrent creates of one
// name need at most N attempts.
const maxSlugAttempts = 32

// Slugify is the slug of a name: lower-cased, every run of whitespace
// replaced by one "-", with none at either end ("  Acme  Corp " is
// "acme-corp"). The original kept leading and trailing dashes.
func Slugify(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), "-")
}

// checkSlug accepts a slug a client chose: non-empty, lower-case, and
// without whitespace, that is, its own Slugify.
func checkSlug(slug string) mo.Result[string] {
	if slug == "" || Slugify(slug) != slug {
		return mo.Err[string](errBadSlug)
	}
	return mo.Ok(slug)
}

// PickSlug returns base when no taken slug is base itself, otherwise
// base-N with N one more than the highest suffix taken ("acme", "acme-2",
// "acme-3"). taken may hold other slugs; only base and base-N count.
func PickSlug(base string, taken []string) string {
	highest := 0
	for _, s := range taken {
		highest = max(highest, suffix(base, s))
	}
	if !slices.Contains(taken, base) {
		return base
	}
	return base + "-" + strconv.Itoa(highest+1)
}

// suffix is 1 when slug is base, N when it is base-N (N >= 2, without
// leading zeros), and 0 otherwise.
func suffix(base, slug string) int {
	if slug == base {
		return 1
	}
	rest, ok := strings.CutPrefix(slug, base+"-")
	if n, err := strconv.Atoi(rest); ok && err == nil && n >= 2 && strconv.Itoa(n) == rest {
		return n
	}
	return 0
}

// hasBase reports whether slug is base or base-N: a rename whose new name
// gives base keeps such a slug rather than taking a new number.
func hasBase(base, slug string) bool { return suffix(base, slug) > 0 }

// takenSlugs lists the slugs of coll that are base or base-N, except the
// document exceptID's. The anchored pattern is a range scan of the slug's
// unique index on MongoDB.
func takenSlugs(ctx context.Context, coll *mongo.Collection, base, exceptID string) mo.Result[[]string] {
	filter := bson.D{
		{Key: "slug", Value: bson.Regex{Pattern: "^" + regexp.QuoteMeta(base) + `(-[0-9]+)?$`}},
		{Key: "id", Value: bson.D{{Key: "$ne", Value: exceptID}}},
	}
	cur, err := coll.Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "slug", Value: 1}, {Key: "_id", Value: 0}}))
	if err != nil {
		return mo.Err[[]string](err)
	}
	var docs []struct {
		Slug string `bson:"slug"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return mo.Err[[]string](err)
	}
	slugs := make([]string, len(docs))
	for i, d := range docs {
		slugs[i] = d.Slug
	}
	return mo.Ok(slugs)
}

// nextSlug is the slug a document named name gets: the name's Slugify
// when free, else the next base-N (see PickSlug). exceptID's own slug
// does not count as taken, so renaming a document to a name of the same
// base keeps its slug's number.
func nextSlug(ctx context.Context, coll *mongo.Collection, name, exceptID string) mo.Result[string] {
	base := Slugify(name)
	if base == "" {
		return mo.Err[string](errBlankName)
	}
	return primitives.Map(takenSlugs(ctx, coll, base, exceptID), func(taken []string) string { return PickSlug(base, taken) })
}

// withFreeSlug runs write with a slug generated from name, and again with
// the next free slug as long as write fails with slugConflict: another
// write took the slug between nextSlug's read and write's (two creates of
// "Acme" at once). The unique index on slug decides who wins; this loop
// makes the loser retry instead of failing. On the embedded database the
// process's writes reach FerretDB one at a time (its clients dial through
// Blockyard's serializer, docs/mongo-portable.md), so each insert and
// update is atomic there as it is on MongoDB, and the unique index refuses
// the second slug on both.
func withFreeSlug[T any](ctx context.Context, coll *mongo.Collection, name, exceptID string,
	write func(slug string) mo.Result[T], slugConflict func(error) bool) mo.Result[T] {
	var res mo.Result[T]
	for range maxSlugAttempts {
		slug, err := nextSlug(ctx, coll, name, exceptID).Get()
		if err != nil {
			return mo.Err[T](err)
		}
		if res = write(slug); !slugConflict(res.Error()) {
			return res
		}
	}
	return res
}

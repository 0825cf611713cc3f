package tenancy

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/blockyard/blockyard/blocks"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// DefaultCollection is the registry's collection in the registry database
// unless Options.Collection says otherwise.
const DefaultCollection = "tenants"

// MaxNameLength bounds a tenant's name, in characters.
const MaxNameLength = 200

// domainPattern is a DNS name of letters, digits and inner hyphens, as
// Domain is stored (lower case): it names the tenant in host names.
var domainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$`)

// ensureRegistryIndexes creates, idempotently, the registry's indexes:
// unique id, unique domain (the spec's 409) and createdAt (the list's
// order).
func ensureRegistryIndexes(ctx context.Context, c *mongo.Collection) error {
	return blocks.EnsureIndexes(ctx, c, blocks.UniqueIndex("id"), blocks.UniqueIndex("domain"), blocks.Index("createdAt"))
}

// normalize checks and normalizes a new tenant's name and domain: both
// required (surrounding spaces dropped), the domain a DNS name stored in
// lower case, so that its uniqueness ignores case as DNS does.
func normalize(name, domain string) (string, string, error) {
	name, domain = strings.TrimSpace(name), strings.ToLower(strings.TrimSpace(domain))
	switch {
	case name == "" || domain == "":
		return "", "", ErrRequired
	case utf8.RuneCountInString(name) > MaxNameLength:
		return "", "", ErrNameTooLong
	case len(domain) > 253 || !domainPattern.MatchString(domain):
		return "", "", ErrBadDomain
	}
	return name, domain, nil
}

// insertTenant stores t; a taken domain (or id) is ErrConflict.
func insertTenant(ctx context.Context, c *mongo.Collection, t Tenant) mo.Result[Tenant] {
	_, err := c.InsertOne(ctx, t)
	switch {
	case err == nil:
		return mo.Ok(t)
	case blocks.IsDuplicateKey(err):
		return mo.Err[Tenant](ErrConflict.Wrap(err))
	}
	return mo.Err[Tenant](ErrUnavailable.Wrap(err))
}

// findTenant returns the tenant whose field (id or domain) is value.
func findTenant(ctx context.Context, c *mongo.Collection, field, value string) mo.Result[Tenant] {
	var t Tenant
	err := c.FindOne(ctx, bson.D{{Key: field, Value: value}}, options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 0}})).Decode(&t)
	switch {
	case err == nil:
		return mo.Ok(t)
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[Tenant](ErrNotFound)
	}
	return mo.Err[Tenant](ErrUnavailable.Wrap(err))
}

// listTenants returns every tenant, newest first (ties by id, so that the
// order is stable).
func listTenants(ctx context.Context, c *mongo.Collection) mo.Result[[]Tenant] {
	cur, err := c.Find(ctx, bson.D{}, options.Find().
		SetSort(bson.D{{Key: "createdAt", Value: -1}, {Key: "id", Value: 1}}).
		SetProjection(bson.D{{Key: "_id", Value: 0}}))
	if err != nil {
		return mo.Err[[]Tenant](ErrUnavailable.Wrap(err))
	}
	out := []Tenant{}
	if err := cur.All(ctx, &out); err != nil {
		return mo.Err[[]Tenant](ErrUnavailable.Wrap(err))
	}
	return mo.Ok(out)
}

// deleteTenant removes the tenant id from the registry (its database is
// left alone).
func deleteTenant(ctx context.Context, c *mongo.Collection, id string) error {
	_, err := c.DeleteOne(ctx, bson.D{{Key: "id", Value: id}})
	return err
}

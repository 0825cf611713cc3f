package crud

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// scopeFilter is the part of every query of the resource that keeps a
// caller inside its tenant: nothing for a caller with global access or an
// unscoped resource, {scopeField: tenant} for a scoped one, {id: tenant}
// for the tenant table itself. A caller without a tenant matches nothing.
// Soft-deleted records are left out too.
func (b *built[T]) scopeFilter(g *Grants) bson.D {
	f := bson.D{{Key: "deletedAt", Value: nil}}
	if g.Global {
		return f
	}
	switch {
	case b.scopeField != "":
		f = append(bson.D{{Key: b.scopeField, Value: g.Tenant}}, f...)
	case b.res.ScopeSelf:
		f = append(bson.D{{Key: "id", Value: g.Tenant}}, f...)
	}
	return f
}

// errNoTenant answers a create by a caller that has no tenant to create in.
var errNoTenant = primitives.StatusError(http.StatusForbidden, "caller has no organization to create in")

// errTenantParam answers a tenant chosen by a caller without global access.
var errTenantParam = primitives.StatusError(http.StatusForbidden, "only a caller with global access chooses the organization")

// createScope is the tenant a new record belongs to: the caller's; a
// caller with global access may name another with the scope field as a
// query parameter (POST /campuses?organizationId=...), and must when it
// has none; others may only name their own. Never from the body.
func (b *built[T]) createScope(r *primitives.Request, g *Grants) (string, error) {
	if b.res.ScopeSelf && !g.Global {
		return "", ErrForbidden.WithData(map[string]string{"access": "global"})
	}
	if b.scopeField == "" {
		return "", nil
	}
	if q := r.QueryValue(b.scopeField); q != "" {
		if !g.Global && q != g.Tenant {
			return "", errTenantParam
		}
		return q, nil
	}
	if g.Tenant == "" {
		return "", errNoTenant
	}
	return g.Tenant, nil
}

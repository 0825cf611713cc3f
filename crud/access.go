package crud

import (
	"context"
	"net/http"
	"slices"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// Grants is what one caller may do: the permissions it holds, whether it
// sees every tenant, and its own tenant.
type Grants struct {
	// IdentityID is the caller's identity.
	IdentityID string
	// Permissions are the caller's permissions: its role's plus its own
	// custom permissions ("READ_CAMPUSES", ...).
	Permissions []string
	// Global lets the caller see and change every tenant's records.
	Global bool
	// Tenant is the caller's tenant (organization) id: the scope of
	// everything it reads and writes without Global; "" for none.
	Tenant string
	// Role is the name of the caller's role ("" for none), for guards
	// such as "only an owner deletes an organization".
	Role string
	// Admin is set for a system administrator (identity type admin),
	// who holds every permission and global access.
	Admin bool
}

// Has reports whether the grants include permission.
func (g *Grants) Has(permission string) bool {
	return g.Admin || slices.Contains(g.Permissions, permission)
}

// Access is where a caller's grants come from. A host app that keeps
// roles and memberships elsewhere implements it and sets Config.Access;
// the default, MongoAccess, reads the roles and users collections that
// the Roles and Users resources manage.
//
// Grants is asked once per request, for an authenticated user that is not
// a system administrator (those get every permission without asking). An
// identity Access knows nothing of gets Grants{} (no permission) and a nil
// error; an error is a failure to answer (a 500).
type Access interface {
	Grants(ctx context.Context, s *primitives.Service, identityID string) (Grants, error)
}

// Config configures the crud domain of a Service (put one in
// Service.Settings); the zero value is usable.
type Config struct {
	// Access is the source of callers' grants; nil means MongoAccess
	// over RolesCollection and UsersCollection.
	Access Access
	// RolesCollection and UsersCollection are MongoAccess's collections,
	// "roles" and "users" by default; the Roles and Users resources use
	// the same.
	RolesCollection, UsersCollection string
}

// Settings is the crud domain's configuration of a Service.
var Settings = primitives.NewSetting("crud", func(c Config) Config {
	if c.RolesCollection == "" {
		c.RolesCollection = "roles"
	}
	if c.UsersCollection == "" {
		c.UsersCollection = "users"
	}
	if c.Access == nil {
		c.Access = MongoAccess{Roles: c.RolesCollection, Users: c.UsersCollection}
	}
	return c
})

var grantsKey = primitives.NewKey[*Grants]("crud grants")

// CallerGrants returns the grants of the request's caller, established at
// most once per request: 401 without a valid user token (an app token is
// 401 "Invalid token"), every permission and global access for a system
// administrator, otherwise what Config.Access answers. Guards of a host
// app (Resource.Validators) call it too.
func CallerGrants(r *primitives.Request) mo.Result[*Grants] {
	return grantsKey.Once(r, func() mo.Result[*Grants] {
		idn, err := validators.Caller(r).Get()
		if err != nil {
			return mo.Err[*Grants](err)
		}
		if t := idn.Type(); t != "" && t == nodeblocks.Settings.Of(r.Service).IdentityTypes.Admin {
			return mo.Ok(&Grants{IdentityID: idn.ID, Global: true, Admin: true})
		}
		g, err := Settings.Of(r.Service).Access.Grants(r.Context(), r.Service, idn.ID)
		if err != nil {
			return mo.Err[*Grants](primitives.AsError(err))
		}
		g.IdentityID = idn.ID
		return mo.Ok(&g)
	})
}

// ErrForbidden is the 403 of a caller without the route's permission.
var ErrForbidden = primitives.StatusError(http.StatusForbidden, "Forbidden")

// guardRefusal is what the crud guards answer instead of letting a request
// through, as an API document lists it (see primitives.DescribeValidator):
// 403 Forbidden; they read the caller's token (a 401 without one).
var guardRefusal = primitives.Refusal{Errors: []*primitives.Error{ErrForbidden}, Authenticates: true}

// The exported guards that are plain functions, described once.
var (
	_ = primitives.DescribeValidator(RequireGlobal, guardRefusal)
	_ = primitives.DescribeValidator(GuardUserWrite, guardRefusal)
)

// RequirePermission lets a request through when its caller holds
// permission (see CallerGrants); 401 without a user, 403 without the
// permission, with the permission's name as data.
func RequirePermission(permission string) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		g, err := CallerGrants(r).Get()
		if err != nil {
			return err
		}
		if !g.Has(permission) {
			return ErrForbidden.WithData(map[string]string{"permission": permission})
		}
		return nil
	}, guardRefusal)
}

// RequireRole lets a request through when its caller is a system
// administrator (identity type admin) or has one of the roles (by name):
// the spec's "only super_admin, system_admin or owner delete an
// organization, even when another role holds the permission", added to a
// route with Resource.Validators. Global access alone does not pass: a
// role with global access but another name (an auditor's) is refused,
// as the original refuses it; list that role to let it through.
func RequireRole(roles ...string) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		g, err := CallerGrants(r).Get()
		if err != nil {
			return err
		}
		if g.Admin || slices.Contains(roles, g.Role) {
			return nil
		}
		return ErrForbidden.WithData(map[string]any{"roles": roles})
	}, guardRefusal)
}

// RequireGlobal lets a request through when its caller has global access.
func RequireGlobal(r *primitives.Request) error {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return err
	}
	if !g.Global {
		return ErrForbidden.WithData(map[string]string{"access": "global"})
	}
	return nil
}

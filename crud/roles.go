package crud

import (
	"context"
	"errors"
	"fmt"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Role is a named set of permissions, a record of the Roles resource.
type Role struct {
	// Name is what guards compare (RequireRole): "owner", "teacher".
	Name string `json:"name" validate:"required,min=1,max=100"`
	// Permissions are granted to every user of the role.
	Permissions []string `json:"permissions" validate:"omitempty,max=200,dive,min=1,max=100"`
	// GlobalAccess lets the role's users see every tenant.
	GlobalAccess bool `json:"globalAccess" validate:"omitempty"`
}

// User gives an identity a tenant, a role and custom permissions: a
// record of the Users resource, scoped by organizationId (the tenant is
// the creator's, or ?organizationId= for a caller with global access).
type User struct {
	// IdentityID is the identity (of the auth routes) this user is; one
	// user record per identity, so an identity belongs to one organization.
	IdentityID string `json:"identityId" validate:"required,uuid"`
	// RoleID is the id of a Role; "" for none.
	RoleID string `json:"roleId,omitempty" validate:"omitempty,uuid"`
	// CustomPermissions are granted on top of the role's.
	CustomPermissions []string `json:"customPermissions" validate:"omitempty,max=200,dive,min=1,max=100"`
}

// Roles returns the resource that manages the roles MongoAccess reads
// (collection Config.RolesCollection, "roles" unless the service says
// otherwise; set Collection to match). Roles are shared by every tenant,
// so only a caller with global access writes them, whatever permissions
// it holds: a tenant's administrator could otherwise make itself global.
func Roles() *Resource[Role] {
	return &Resource[Role]{
		Name:     "roles",
		Filters:  []Filter{Exact("id"), Contains("name"), Bool("globalAccess")},
		Sortable: []string{"name", "createdAt"},
		Label:    "name",
		Unique:   []string{"name"},
		CSV:      []string{"id", "name", "globalAccess"},
		Validators: map[RouteName][]primitives.Validator{
			RouteCreate: {RequireGlobal}, RouteImport: {RequireGlobal}, RouteUpdate: {RequireGlobal},
			RouteDelete: {RequireGlobal}, RouteDeleteByIDs: {RequireGlobal}, RouteRestore: {RequireGlobal}, RoutePurge: {RequireGlobal},
		},
	}
}

// Users returns the resource that manages the users MongoAccess reads
// (collection "users"), scoped by organizationId. A caller without
// global access may only give roles without global access and
// permissions it holds itself, on every route that can give or bring
// back a role or permissions: create and update check the body
// (GuardUserWrite), restore checks the stored record, and a bulk import
// (should Users get CSV columns) is for global callers only, since its
// rows are not checked one by one.
func Users() *Resource[User] {
	res := &Resource[User]{
		Name:       "users",
		ScopeField: "organizationId",
		Filters:    []Filter{Exact("id"), Exact("identityId"), Exact("roleId"), Exact("organizationId")},
		Sortable:   []string{"createdAt"},
		Label:      "identityId",
		Unique:     []string{"identityId"},
		Validators: map[RouteName][]primitives.Validator{
			RouteCreate: {GuardUserWrite}, RouteUpdate: {GuardUserWrite}, RouteImport: {RequireGlobal},
		},
	}
	res.Validators[RouteRestore] = []primitives.Validator{guardUserRestore(res)}
	return res
}

// GuardUserWrite refuses (403) a user write by a caller without global
// access that gives a role with global access, or a custom permission
// the caller does not hold: nobody grants more than it has. A roleId
// that is not a live role is a 400 (body.data.roleId): once that role is
// restored or imported, it would grant what nobody checked.
func GuardUserWrite(r *primitives.Request) error {
	g, err := CallerGrants(r).Get()
	if err != nil || g.Global {
		return err
	}
	data, _ := r.BodyField("data")
	m, _ := data.(map[string]any)
	var perms []string
	if list, ok := m["customPermissions"].([]any); ok {
		for _, p := range list {
			if s, _ := p.(string); s != "" {
				perms = append(perms, s)
			}
		}
	}
	roleID, _ := m["roleId"].(string)
	return checkGrant(r, g, roleID, perms, true)
}

// guardUserRestore refuses (403) the restore, by a caller without global
// access, of a deleted user of res whose stored role or custom
// permissions GuardUserWrite would refuse: an administrator revoked them
// by deleting the record, and a restore must not give them back. A
// record outside the caller's scope is left to the route's 404.
func guardUserRestore(res *Resource[User]) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		g, err := CallerGrants(r).Get()
		if err != nil || g.Global {
			return err
		}
		var u User
		raw, err := r.Service.Collection(res.collection()).FindOne(r.Context(), bson.D{
			{Key: "id", Value: r.PathValue("id")}, {Key: res.ScopeField, Value: g.Tenant},
			{Key: "deletedAt", Value: bson.D{{Key: "$ne", Value: nil}}},
		}).Raw()
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			return nil
		case err != nil:
			return err
		}
		if err := decodeBSON(raw, &u); err != nil {
			return err
		}
		return checkGrant(r, g, u.RoleID, u.CustomPermissions, false)
	}, guardRefusal)
}

// checkGrant refuses (403) a role with global access, or a permission
// of the role or of perms, that g does not hold. The role is judged by
// what it would grant once live, so a deleted role counts: restoring it
// later must not turn the pick into global access. From a body (live),
// a roleId that is not a live role is a 400 naming body.data.roleId;
// from a stored record, a role that cannot be found at all is refused
// (403), since what it would grant is unknown.
func checkGrant(r *primitives.Request, g *Grants, roleID string, perms []string, live bool) error {
	for _, p := range perms {
		if !g.Has(p) {
			return ErrForbidden.WithData(map[string]string{"permission": p})
		}
	}
	if roleID == "" {
		return nil
	}
	var role struct {
		Permissions  []string `json:"permissions"`
		GlobalAccess bool     `json:"globalAccess"`
		DeletedAt    any      `json:"deletedAt"`
	}
	raw, err := r.Service.Collection(Settings.Of(r.Service).RolesCollection).FindOne(r.Context(), bson.D{{Key: "id", Value: roleID}}).Raw()
	if err == nil {
		err = decodeBSON(raw, &role)
	}
	switch {
	case live && (errors.Is(err, mongo.ErrNoDocuments) || err == nil && role.DeletedAt != nil):
		return errValidation([]schema.Problem{{Location: "body.data.roleId", Rule: "exists", Message: "is not the id of a live role"}})
	case errors.Is(err, mongo.ErrNoDocuments):
		return ErrForbidden.WithData(map[string]string{"roleId": roleID})
	case err != nil:
		return err
	case role.GlobalAccess:
		return ErrForbidden.WithData(map[string]string{"access": "global"})
	}
	for _, p := range role.Permissions {
		if !g.Has(p) {
			return ErrForbidden.WithData(map[string]string{"permission": p})
		}
	}
	return nil
}

// MongoAccess is the default Access: a user record of the Users
// collection (by identityId, not deleted) gives the caller's tenant
// (organizationId), role (roleId, a record of Roles) and custom
// permissions; the role gives its permissions and global access.
type MongoAccess struct {
	// Roles and Users are the collection names.
	Roles, Users string
}

// Grants reads the caller's user record and role: two indexed finds.
func (a MongoAccess) Grants(ctx context.Context, s *primitives.Service, identityID string) (Grants, error) {
	var u struct {
		OrganizationID    string   `bson:"organizationId"`
		RoleID            string   `bson:"roleId"`
		CustomPermissions []string `bson:"customPermissions"`
	}
	err := s.Collection(a.Users).FindOne(ctx, bson.D{{Key: "identityId", Value: identityID}, {Key: "deletedAt", Value: nil}}).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Grants{}, nil
	}
	if err != nil {
		return Grants{}, fmt.Errorf("crud: reading the user of identity %s: %w", identityID, err)
	}
	g := Grants{Tenant: u.OrganizationID, Permissions: u.CustomPermissions}
	if u.RoleID != "" {
		var role Role
		err := findLive(ctx, s.Collection(a.Roles), u.RoleID, &role)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
		case err != nil:
			return Grants{}, fmt.Errorf("crud: reading role %s: %w", u.RoleID, err)
		default:
			g.Role, g.Global = role.Name, role.GlobalAccess
			g.Permissions = append(append([]string(nil), role.Permissions...), g.Permissions...)
		}
	}
	return g, nil
}

// findLive decodes the live record id of coll into v.
func findLive(ctx context.Context, coll *mongo.Collection, id string, v any) error {
	raw, err := coll.FindOne(ctx, bson.D{{Key: "id", Value: id}, {Key: "deletedAt", Value: nil}}).Raw()
	if err != nil {
		return err
	}
	return decodeBSON(raw, v)
}

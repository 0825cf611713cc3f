package crud

import (
	"strings"
	"sync"

	"github.com/blockyard/blockyard/primitives"
)

// Resource declares one generic-CRUD entity: the Go type of its fields
// (T), where its records live, how they are listed, who may touch them and
// which tenant they belong to. A host app declares it once, as a
// package-level value, and mounts Feature(); every generated route is an
// ordinary primitives.Route (see Route and Routes) that the app may mount
// as is, extend with its own validators (Validators) or replace.
//
// T is a struct of the fields a client writes, with json names and
// validator/v10 `validate` tags (`required`, `max`, `email`, `oneof`, ...).
// The fields the resource writes itself (Meta: id, timestamps,
// createdById, ...) and the scope field are not in T: a body naming them
// is refused. Records are stored with T's json names (bson tags, when
// present, must agree).
//
// A Resource's fields are read once, by the first call of Feature, Routes
// or Route, which panics on a definition error (an unknown field in
// Filters, Sortable, CSV or Label, a T that is not a struct): that is a
// programming error, found at start-up. Do not change a Resource after
// that.
type Resource[T any] struct {
	// Name is the resource's plural name: the first path segment of its
	// routes ("/campuses/{id}") and, upper-cased, the suffix of its
	// permissions (READ_CAMPUSES). Required.
	Name string
	// Collection is the MongoDB collection; defaults to Name.
	Collection string
	// Permission is the suffix of the resource's permissions; defaults to
	// Name upper-cased, with "-" as "_".
	Permission string
	// ScopeField, when set, makes the resource tenant-scoped: its records
	// carry the caller's tenant id in this field ("organizationId"), and a
	// caller without global access only ever sees its own tenant's
	// records. Create sets it from the caller, never from the body.
	ScopeField string
	// ScopeSelf makes the resource the tenant table itself: a caller
	// without global access sees the one record whose id is its tenant,
	// and only a caller with global access creates records.
	ScopeSelf bool
	// Filters are the query parameters GET / and GET /count accept (see
	// Exact, Contains, Range, OneOf, Bool). Any other is a 400.
	Filters []Filter
	// Sortable lists the fields GET / may be ordered by (?field=&sort=);
	// any other is a 400. Ties are broken by id.
	Sortable []string
	// DefaultSort is the order of a list without ?field=; defaults to
	// createdAt, ascending.
	DefaultSort string
	// CSV lists the fields of a CSV export, in column order, and the
	// columns a bulk import may have. Without it the resource has no CSV
	// export (?filetype=csv is a 400) and no bulk import (404).
	CSV []string
	// Label is the field autocomplete answers as label and matches
	// against; defaults to "id".
	Label string
	// Relations are loaded by GET /{id} (see HasMany).
	Relations []Relation
	// Unique lists fields that get a unique index (a conflict is 409).
	Unique []string
	// Validators adds validators to generated routes, by route name
	// (RouteCreate, RouteDelete, ...): they run after the permission
	// check, in order.
	Validators map[RouteName][]primitives.Validator
	// NotFound is the message of the 404 of a missing record; defaults to
	// Name + "NotFound" ("organizationsNotFound").
	NotFound string
	// Import bounds bulk imports; zero fields take the defaults (see
	// ImportLimits).
	Import ImportLimits

	once  sync.Once
	built *built[T]
}

// RouteName names one generated route of a resource, for Route and
// Validators.
type RouteName string

// The generated routes.
const (
	RouteCreate       RouteName = "create"       // POST /{name}
	RouteImport       RouteName = "bulkImport"   // POST /{name}/bulk-import
	RouteUpdate       RouteName = "update"       // PUT /{name}/{id}
	RouteDelete       RouteName = "delete"       // DELETE /{name}/{id}
	RouteDeleteByIDs  RouteName = "deleteByIds"  // POST /{name}/deleteByIds
	RouteRestore      RouteName = "restore"      // POST /{name}/{id}/restore
	RoutePurge        RouteName = "purge"        // DELETE /{name}/{id}/purge
	RouteList         RouteName = "list"         // GET /{name}
	RouteCount        RouteName = "count"        // GET /{name}/count
	RouteAutocomplete RouteName = "autocomplete" // GET /{name}/autocomplete
	RouteGet          RouteName = "get"          // GET /{name}/{id}
)

// collection returns the collection name.
func (res *Resource[T]) collection() string {
	if res.Collection != "" {
		return res.Collection
	}
	return res.Name
}

// permission returns the permission suffix.
func (res *Resource[T]) permission() string {
	if res.Permission != "" {
		return res.Permission
	}
	return strings.ToUpper(strings.ReplaceAll(res.Name, "-", "_"))
}

// Permission returns the permission a route of op requires, e.g.
// "READ_CAMPUSES" for OpRead.
func (res *Resource[T]) PermissionFor(op Op) string { return string(op) + "_" + res.permission() }

// Op is the kind of access a route needs: its permission is
// Op + "_" + the resource's permission suffix.
type Op string

// The four permissions of a resource.
const (
	OpRead   Op = "READ"
	OpCreate Op = "CREATE"
	OpUpdate Op = "UPDATE"
	OpDelete Op = "DELETE"
)

// notFound returns the 404 message.
func (res *Resource[T]) notFound() string {
	if res.NotFound != "" {
		return res.NotFound
	}
	return res.Name + "NotFound"
}

// Package crud turns one typed resource definition into the generic-CRUD
// routes of a back office: create, bulk CSV import, update, delete,
// delete by ids, restore, purge, a filtered and paged list with CSV export,
// count, autocomplete and get with relations, each guarded by a
// per-method permission and kept inside the caller's tenant. It is the
// contract of the CRUD spec (crud.md), on MongoDB's portable subset.
//
// # Declaring a resource
//
// A resource is a [Resource] over the Go type of the fields a client
// writes, with json names and validator/v10 `validate` tags:
//
//	type Campus struct {
//		Name    string `json:"name" validate:"required,max=100"`
//		Address string `json:"address,omitempty" validate:"max=200"`
//	}
//
//	var Campuses = &crud.Resource[Campus]{
//		Name:       "campuses",          // /campuses, READ_CAMPUSES, ...
//		ScopeField: "organizationId",    // the tenant of each record
//		Filters:    []crud.Filter{crud.Exact("id"), crud.Contains("name")},
//		Sortable:   []string{"name", "createdAt"},
//		CSV:        []string{"id", "name", "address"},
//		Label:      "name",
//	}
//
//	api, err := svc.Mount(ctx, features.Auth(), Campuses.Feature(), crud.Roles().Feature(), crud.Users().Feature())
//
// Every generated route is an ordinary primitives.Route ([Resource.Route],
// [Resource.Routes]): a host app mounts a subset, adds validators per
// route ([Resource.Validators]) or replaces one by its Name. A stored
// record is a [Record]: the resource's [Meta] (id, createdAt, updatedAt,
// createdById, updatedById, deletedAt, importHash), its tenant and T's
// fields, answered as one flat JSON object.
//
// # Routes
//
// Under /{name}, all answering 200:
//
//	POST   /                {"data": {...}}               → true
//	POST   /bulk-import     multipart field "file" (CSV)  → true
//	PUT    /{id}            {"data": {...}, "id"?}        → true
//	DELETE /{id}                                          → true (soft delete)
//	POST   /deleteByIds     {"data": ["id", ...]}         → true
//	POST   /{id}/restore                                  → true (undo the delete)
//	DELETE /{id}/purge                                    → true (remove a deleted record for good)
//	GET    /                filters, order, page          → {"rows": [...], "count": N}
//	GET    /?filetype=csv   the same filters and order    → a CSV download
//	GET    /count           the same filters              → {"rows": [], "count": N}
//	GET    /autocomplete    ?query=&limit=&offset=        → [{"id", "label"}]
//	GET    /{id}                                          → the record and its relations
//
// Bad input is a 400 "Validation Error" whose data lists
// schema.Problem values, each naming its field ("body.data.name",
// "query.status"), the rule and what is accepted. A body may write only
// T's fields: the resource's own (id, timestamps, the scope field) are
// "readOnly" problems, others "unknown". PUT changes the fields its data
// names, checks the record as changed against T's rules, and answers 400
// when a body id disagrees with the path's. A missing, deleted or
// out-of-scope id is a 404 with the resource's NotFound message
// ("campusesNotFound"); a unique index conflict is a 409.
//
// # Listing
//
// GET / and GET /count accept the resource's [Filter] parameters only:
// [Exact] (repeatable), [Contains] (case-insensitive, matched literally:
// the value is escaped with regexp.QuoteMeta before it becomes a $regex),
// [Range] (?createdAtRange=from&createdAtRange=to, either end empty), [OneOf]
// and [Bool]. Values are read as the field's Go type; an object value
// (name[$ne]=x), an undeclared parameter, a field outside Sortable or a
// bad sort is a 400: no client JSON reaches a MongoDB filter. Pages are
// 0-based, as in the original system (?page=0 is the first; offset =
// page × limit); limit defaults to [DefaultLimit] and is lowered to
// [MaxLimit]. Ties of the order are broken by id, so pages neither
// repeat nor skip rows; count is the total matching the filters.
//
// # Permissions
//
// Each route needs READ_, CREATE_, UPDATE_ or DELETE_ followed by the
// resource's permission suffix ([Resource.PermissionFor]): 401 without a
// valid user token, 403 without the permission. A caller's [Grants] come
// from the service's [Access] ([Config], [Settings]); the default,
// [MongoAccess], reads the caller's user record ([Users]: organization,
// role, custom permissions) and its role ([Roles]: permissions, global
// access). A system administrator (identity type admin) holds every
// permission with global access. [RequireRole], [RequireGlobal] and
// [RequirePermission] are validators for extra guards.
//
// # Tenant scope
//
// A resource with a ScopeField only ever reads, counts, exports,
// updates, deletes or relates records of the caller's tenant, unless
// the caller has global access. Create and import take the tenant from
// the caller; a caller with global access names it with the scope field
// as a query parameter (POST /campuses?organizationId=...). The tenant
// table itself (ScopeSelf) is scoped by its own id: a caller sees its own
// organization, and only a global caller creates one.
//
// # CSV
//
// The export streams the list's filters and order from a cursor, row by
// row, flushed every thousand rows, without allocating per row; cells are
// RFC 4180 (CRLF, quotes doubled) and a text cell a spreadsheet would run
// as a formula (=, +, -, @, tab, CR) or one starting with an apostrophe
// gets a leading apostrophe, which import strips again. The import reads
// the multipart file as a stream with encoding/csv, validates every row
// as a create would, and stores nothing unless every row is valid: the
// 400 lists each problem as a [RowProblem] (line and field). See
// [ImportLimits] for the size (413) and row (400) limits, and the
// bulk-import route for what happens when the database fails midway.
//
// # Indexes
//
// Mounting a resource creates, idempotently: id unique; importHash
// unique and sparse; the scope field with deletedAt; each sortable field
// and the label with id; each Unique field; and, for each relation, the
// foreign key with deletedAt on the child's collection.
package crud

package crud

import (
	"context"
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Feature returns the resource's routes, in matching order, with the
// setup that creates its indexes: mount it on a Service.
func (res *Resource[T]) Feature() primitives.Feature {
	return primitives.Feature{Name: res.Name, Routes: res.Routes()}
}

// Routes returns the generated routes in matching order (the literal
// paths /count, /autocomplete, /bulk-import and /deleteByIds before
// /{id}); a resource without CSV fields has no bulk-import route. A host
// app may mount a subset, or replace one by its Name.
func (res *Resource[T]) Routes() []primitives.Route {
	names := []RouteName{RouteCreate, RouteImport, RouteDeleteByIDs, RouteList, RouteCount, RouteAutocomplete, RouteGet, RouteUpdate, RouteDelete, RouteRestore, RoutePurge}
	out := make([]primitives.Route, 0, len(names))
	for _, n := range names {
		if n == RouteImport && len(res.CSV) == 0 {
			continue
		}
		out = append(out, res.Route(n))
	}
	return out
}

// Route returns one generated route: its validators are the permission
// check (401 without a user token, 403 without the permission) then the
// resource's Validators for it; its handler runs the resource's blocks
// and answers 200 (404 for a missing record, 409 for a unique conflict,
// 400 with field-named problems for bad input). It panics on an unknown
// name.
func (res *Resource[T]) Route(name RouteName) primitives.Route {
	b := res.build()
	base := "/" + res.Name
	rt := primitives.Route{Name: res.Name + "." + string(name), Setup: []*primitives.Setup{b.indexSetup()}}
	var op Op
	var pre primitives.Validator // before the schema, after the permission
	ok := terminators.JSON(http.StatusOK, writeErrors)
	switch name {
	case RouteCreate:
		rt.Method, rt.Path, op = http.MethodPost, base, OpCreate
		rt.Handler = primitives.Handle(b.create, ok)
		rt.Schema, pre = b.bodySchema(false), b.readOnlyGuard()
		rt.Errors = append(b.scopeErrors(), b.conflictErrors()...)
	case RouteImport:
		rt.Method, rt.Path, op = http.MethodPost, base+"/bulk-import", OpCreate
		rt.Handler = primitives.Handle(b.bulkImport, ok)
		rt.Schema, rt.Form = b.importParams(), importForm
		rt.Errors = append(b.scopeErrors(), importErrors...)
	case RouteUpdate:
		rt.Method, rt.Path, op = http.MethodPut, base+"/{id}", OpUpdate
		rt.Handler = primitives.Handle(b.update, ok)
		rt.Schema, pre = b.bodySchema(true), b.readOnlyGuard()
		rt.Errors = b.conflictErrors()
	case RouteDelete:
		rt.Method, rt.Path, op = http.MethodDelete, base+"/{id}", OpDelete
		rt.Handler = primitives.Handle(b.remove, ok)
	case RouteDeleteByIDs:
		rt.Method, rt.Path, op = http.MethodPost, base+"/deleteByIds", OpDelete
		rt.Handler = primitives.Handle(b.removeMany, ok)
	case RouteRestore:
		rt.Method, rt.Path, op = http.MethodPost, base+"/{id}/restore", OpDelete
		rt.Handler = primitives.Handle(b.restore, ok)
	case RoutePurge:
		rt.Method, rt.Path, op = http.MethodDelete, base+"/{id}/purge", OpDelete
		rt.Handler = primitives.Handle(b.purge, ok)
	case RouteList:
		rt.Method, rt.Path, op = http.MethodGet, base, OpRead
		rt.Handler = primitives.Handle(b.list, listTerminator{ok})
		rt.Schema = b.listParams(RouteList)
	case RouteCount:
		rt.Method, rt.Path, op = http.MethodGet, base+"/count", OpRead
		rt.Handler = primitives.Handle(b.count, ok)
		rt.Schema = b.listParams(RouteCount)
	case RouteAutocomplete:
		rt.Method, rt.Path, op = http.MethodGet, base+"/autocomplete", OpRead
		rt.Handler = primitives.Handle(b.autocomplete, ok)
		rt.Schema = b.listParams(RouteAutocomplete)
	case RouteGet:
		rt.Method, rt.Path, op = http.MethodGet, base+"/{id}", OpRead
		rt.Handler = primitives.Handle(b.get, ok)
		for _, rel := range res.Relations {
			rt.Setup = append(rt.Setup, rel.setup)
		}
	default:
		panic("crud: no route named " + string(name))
	}
	rt.Validators = []primitives.Validator{validators.IsAuthenticated, RequirePermission(res.PermissionFor(op))}
	if pre != nil {
		rt.Validators = append(rt.Validators, pre)
	}
	rt.Validators = append(rt.Validators, res.Validators[name]...)
	return rt
}

// listTerminator answers GET /: a CSV export streamed, or the JSON list.
type listTerminator struct{ json terminators.JSONTerminator }

// Terminate streams the export of a ?filetype=csv list, and answers
// anything else as JSON.
func (t listTerminator) Terminate(r *primitives.Request, v any, err error) {
	if s, ok := v.(interface{ csvExport() *exportPlan }); ok && err == nil {
		if plan := s.csvExport(); plan != nil {
			plan.serve(r)
			return
		}
	}
	t.json.Terminate(r, v, err)
}

func (l *List[T]) csvExport() *exportPlan { return l.export }

// indexSetup creates the resource's indexes, once per Mount and
// idempotently: id unique; importHash unique and sparse (the hash
// includes the tenant, so it is unique per resource and tenant); the
// scope field with deletedAt; each sortable field (with id, the
// tie-break); the label; each Unique field.
func (b *built[T]) indexSetup() *primitives.Setup {
	b.setupOnce.Do(func() {
		b.setup = primitives.NewSetup(b.res.Name+" indexes", func(ctx context.Context, s *primitives.Service) error {
			models := []mongo.IndexModel{
				blocks.UniqueIndex("id"),
				{Keys: bson.D{{Key: "importHash", Value: 1}}, Options: options.Index().SetUnique(true).SetSparse(true)},
			}
			if b.scopeField != "" {
				models = append(models, mongo.IndexModel{Keys: bson.D{{Key: b.scopeField, Value: 1}, {Key: "deletedAt", Value: 1}}})
			}
			seen := map[string]bool{"id": true}
			for _, f := range append(append([]string{b.defSort}, b.res.Sortable...), b.label) {
				if !seen[f] {
					seen[f] = true
					models = append(models, mongo.IndexModel{Keys: bson.D{{Key: f, Value: 1}, {Key: "id", Value: 1}}})
				}
			}
			for _, u := range b.res.Unique {
				models = append(models, blocks.UniqueIndex(u))
			}
			return blocks.EnsureIndexes(ctx, s.Collection(b.coll), models...)
		})
	})
	return b.setup
}

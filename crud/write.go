package crud

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Kinds of the resource blocks' errors; the generated routes map them to
// 404 and 409.
var (
	// KindNotFound: no live record of that id in the caller's scope.
	KindNotFound = primitives.NewKind("CrudNotFound", primitives.KindBlock)
	// KindConflict: a write would break a unique index; data names the
	// field(s).
	KindConflict = primitives.NewKind("CrudConflict", primitives.KindBlock)
)

// writeErrors is the error map of every generated route.
var writeErrors = primitives.ErrorMap{
	{Kind: KindNotFound, Status: http.StatusNotFound},
	{Kind: KindConflict, Status: http.StatusConflict},
}

func (b *built[T]) errNotFound() error {
	return primitives.NewError(KindNotFound, b.res.notFound())
}

// errConflict is the 409 of a duplicate key: data.fields names the
// Unique fields whose value (in values) another record than id already
// has (FerretDB and MongoDB word the violated index differently, so it is
// looked up rather than parsed; all Unique fields when the lookup finds
// none, say after a concurrent delete).
func (b *built[T]) errConflict(r *primitives.Request, id string, values bson.Raw, err error) error {
	var fields []string
	for _, u := range b.res.Unique {
		v, lerr := values.LookupErr(u)
		if lerr != nil {
			continue
		}
		n, cerr := b.collection(r).CountDocuments(r.Context(), bson.D{{Key: u, Value: v}, {Key: "id", Value: bson.D{{Key: "$ne", Value: id}}}})
		if cerr == nil && n > 0 {
			fields = append(fields, u)
		}
	}
	if len(fields) == 0 {
		fields = b.res.Unique
	}
	return &primitives.Error{Status: http.StatusConflict, Message: b.res.Name + " conflicts with an existing record",
		Data: map[string]any{"fields": fields}, Err: err}
}

func (b *built[T]) collection(r *primitives.Request) *mongo.Collection {
	return r.Service.Collection(b.coll)
}

// bodyObject returns the body as an object whose keys are all in allowed.
func bodyObject(r *primitives.Request, allowed ...string) (map[string]any, []schema.Problem) {
	m, ok := r.Body().(map[string]any)
	if !ok {
		return nil, []schema.Problem{{Location: "body", Rule: "type", Message: "must be an object", Accepted: "object"}}
	}
	var ps []schema.Problem
	for k := range m {
		if !slices.Contains(allowed, k) {
			ps = append(ps, schema.Problem{Location: "body." + k, Rule: "unknown", Message: "is not allowed"})
		}
	}
	return m, ps
}

// dataObject returns body.data as an object and its JSON text, with the
// problems of its keys.
func (b *built[T]) dataObject(body map[string]any) (map[string]any, []byte, []schema.Problem) {
	raw, present := body["data"]
	data, ok := raw.(map[string]any)
	if !ok {
		if !present {
			return nil, nil, []schema.Problem{{Location: "body.data", Rule: "required", Message: "is required"}}
		}
		return nil, nil, []schema.Problem{{Location: "body.data", Rule: "type", Message: "must be an object", Accepted: "object"}}
	}
	text, err := json.Marshal(data)
	if err != nil {
		return nil, nil, []schema.Problem{{Location: "body.data", Rule: "type", Message: "must be an object", Accepted: "object"}}
	}
	return data, text, b.checkKeys(data, "body.data")
}

// create is POST /{name}: {"data": {...}} → true.
func (b *built[T]) create(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	body, ps := bodyObject(r, "data")
	_, text, ps2 := b.dataObject(body)
	if ps = append(ps, ps2...); len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	var t T
	if ps := decodeInto(text, &t, "body.data"); len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	if ps := check(&t, "body.data"); len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	scope, err := b.createScope(r, g)
	if err != nil {
		return mo.Err[bool](err)
	}
	now := blocks.Timestamp(r.Service.Now())
	rec := Record[T]{Meta: Meta{ID: r.Service.ID(), CreatedAt: now, UpdatedAt: now, CreatedByID: g.IdentityID, UpdatedByID: g.IdentityID}, Scope: scope, Fields: t}
	doc, err := b.document(&rec)
	if err != nil {
		return mo.Err[bool](err)
	}
	if _, err := b.collection(r).InsertOne(r.Context(), doc); err != nil {
		if blocks.IsDuplicateKey(err) {
			raw, _ := encodeBSON(rec.Fields)
			return mo.Err[bool](b.errConflict(r, rec.ID, raw, err))
		}
		return mo.Err[bool](err)
	}
	return mo.Ok(true)
}

// errIDMismatch answers a PUT whose body id is not the path's.
var errIDMismatch = primitives.ValidationProblems([]schema.Problem{{Location: "body.id", Rule: "const", Message: "must equal the id in the path, or be left out"}})

// update is PUT /{name}/{id}: {"data": {...}, "id"?} → true. The fields
// data names are changed; the record as changed must pass T's rules.
func (b *built[T]) update(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	id := r.PathValue("id")
	body, ps := bodyObject(r, "data", "id")
	if bid, ok := body["id"]; ok && bid != id {
		return mo.Err[bool](errIDMismatch)
	}
	data, text, ps2 := b.dataObject(body)
	if ps = append(ps, ps2...); len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	filter := append(bson.D{{Key: "id", Value: id}}, b.scopeFilter(g)...)
	raw, err := b.collection(r).FindOne(r.Context(), filter).Raw()
	if err == mongo.ErrNoDocuments {
		return mo.Err[bool](b.errNotFound())
	}
	if err != nil {
		return mo.Err[bool](err)
	}
	rec, err := b.decodeRecord(raw)
	if err != nil {
		return mo.Err[bool](err)
	}
	if ps := decodeInto(text, &rec.Fields, "body.data"); len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	if ps := check(&rec.Fields, "body.data"); len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	changed, err := encodeBSON(rec.Fields)
	if err != nil {
		return mo.Err[bool](err)
	}
	set := bson.D{{Key: "updatedAt", Value: blocks.NextTimestamp(r.Service.Now(), rec.UpdatedAt)}, {Key: "updatedById", Value: g.IdentityID}}
	var unset bson.D
	for _, name := range b.writable {
		if _, sent := data[name]; !sent {
			continue
		}
		if v, err := changed.LookupErr(name); err == nil {
			set = append(set, bson.E{Key: name, Value: v})
		} else {
			unset = append(unset, bson.E{Key: name, Value: ""})
		}
	}
	upd := bson.D{{Key: "$set", Value: set}}
	if len(unset) > 0 {
		upd = append(upd, bson.E{Key: "$unset", Value: unset})
	}
	res, err := b.collection(r).UpdateOne(r.Context(), filter, upd)
	switch {
	case blocks.IsDuplicateKey(err):
		return mo.Err[bool](b.errConflict(r, id, changed, err))
	case err != nil:
		return mo.Err[bool](err)
	case res.MatchedCount == 0:
		return mo.Err[bool](b.errNotFound()) // deleted meanwhile
	}
	return mo.Ok(true)
}

// remove is DELETE /{name}/{id}: a soft delete → true; 404 when the
// record is missing, deleted already or outside the caller's scope.
func (b *built[T]) remove(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	filter := append(bson.D{{Key: "id", Value: r.PathValue("id")}}, b.scopeFilter(g)...)
	res, err := b.collection(r).UpdateOne(r.Context(), filter, b.deletion(r, g))
	if err != nil {
		return mo.Err[bool](err)
	}
	if res.MatchedCount == 0 {
		return mo.Err[bool](b.errNotFound())
	}
	return mo.Ok(true)
}

// deletion is the update that soft-deletes.
func (b *built[T]) deletion(r *primitives.Request, g *Grants) bson.D {
	now := blocks.Timestamp(r.Service.Now())
	return bson.D{{Key: "$set", Value: bson.D{{Key: "deletedAt", Value: now}, {Key: "updatedAt", Value: now}, {Key: "updatedById", Value: g.IdentityID}}}}
}

// MaxDeleteIDs bounds the ids of one POST /deleteByIds.
const MaxDeleteIDs = 1000

// removeMany is POST /{name}/deleteByIds: {"data": [ids]} → true. All or
// nothing: when an id is missing, deleted or outside the caller's scope,
// nothing is deleted and the answer is 404 with the ids in data.missing.
func (b *built[T]) removeMany(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	body, ps := bodyObject(r, "data")
	list, ok := body["data"].([]any)
	switch {
	case !ok:
		ps = append(ps, schema.Problem{Location: "body.data", Rule: "type", Message: "must be an array of ids", Accepted: "array"})
	case len(list) == 0 || len(list) > MaxDeleteIDs:
		ps = append(ps, schema.Problem{Location: "body.data", Rule: "maxItems", Message: "must have 1 to 1000 ids", Accepted: MaxDeleteIDs})
	}
	ids := make([]string, 0, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok || s == "" {
			ps = append(ps, schema.Problem{Location: "body.data[" + strconv.Itoa(i) + "]", Rule: "type", Message: "must be an id (a non-empty string)", Accepted: "string"})
			continue
		}
		if !slices.Contains(ids, s) {
			ids = append(ids, s)
		}
	}
	if len(ps) > 0 {
		return mo.Err[bool](errValidation(ps))
	}
	filter := append(bson.D{{Key: "id", Value: bson.D{{Key: "$in", Value: ids}}}}, b.scopeFilter(g)...)
	cur, err := b.collection(r).Find(r.Context(), filter, options.Find().SetProjection(bson.D{{Key: "id", Value: 1}, {Key: "_id", Value: 0}}))
	if err != nil {
		return mo.Err[bool](err)
	}
	var found []struct {
		ID string `bson:"id"`
	}
	if err := cur.All(r.Context(), &found); err != nil {
		return mo.Err[bool](err)
	}
	if len(found) != len(ids) {
		missing := slices.DeleteFunc(slices.Clone(ids), func(id string) bool {
			return slices.ContainsFunc(found, func(f struct {
				ID string `bson:"id"`
			}) bool {
				return f.ID == id
			})
		})
		e := primitives.AsError(b.errNotFound())
		return mo.Err[bool](&primitives.Error{Status: http.StatusNotFound, Message: e.Message, Data: map[string]any{"missing": missing}})
	}
	if _, err := b.collection(r).UpdateMany(r.Context(), filter, b.deletion(r, g)); err != nil {
		return mo.Err[bool](err)
	}
	return mo.Ok(true)
}

// restore is POST /{name}/{id}/restore: undoes a soft delete → true; 404
// when no deleted record of that id is in the caller's scope.
func (b *built[T]) restore(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	filter := b.deletedFilter(r.PathValue("id"), g)
	now := blocks.Timestamp(r.Service.Now())
	res, err := b.collection(r).UpdateOne(r.Context(), filter, bson.D{{Key: "$set", Value: bson.D{{Key: "deletedAt", Value: nil}, {Key: "updatedAt", Value: now}, {Key: "updatedById", Value: g.IdentityID}}}})
	if blocks.IsDuplicateKey(err) {
		raw, _ := b.collection(r).FindOne(r.Context(), bson.D{{Key: "id", Value: r.PathValue("id")}}).Raw()
		return mo.Err[bool](b.errConflict(r, r.PathValue("id"), raw, err))
	}
	if err != nil {
		return mo.Err[bool](err)
	}
	if res.MatchedCount == 0 {
		return mo.Err[bool](b.errNotFound())
	}
	return mo.Ok(true)
}

// purge is DELETE /{name}/{id}/purge: removes a soft-deleted record for
// good (its unique values become free) → true; 404 when no deleted
// record of that id is in the caller's scope. A live record must be
// deleted first, so that a purge never happens by mistake in one step.
func (b *built[T]) purge(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	res, err := b.collection(r).DeleteOne(r.Context(), b.deletedFilter(r.PathValue("id"), g))
	if err != nil {
		return mo.Err[bool](err)
	}
	if res.DeletedCount == 0 {
		return mo.Err[bool](b.errNotFound())
	}
	return mo.Ok(true)
}

// deletedFilter matches the soft-deleted record id in the caller's scope.
func (b *built[T]) deletedFilter(id string, g *Grants) bson.D {
	filter := bson.D{{Key: "id", Value: id}}
	for _, e := range b.scopeFilter(g) {
		if e.Key != "deletedAt" {
			filter = append(filter, e)
		}
	}
	return append(filter, bson.E{Key: "deletedAt", Value: bson.D{{Key: "$ne", Value: nil}}})
}

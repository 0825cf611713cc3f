package crud

import (
	"bytes"
	"encoding/json"
	"regexp"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// List is the answer of GET / and GET /count: one page of records and the
// number of records matching the filters (not the page's length). GET
// /count answers no rows.
type List[T any] struct {
	Rows  []Record[T] `json:"rows"`
	Count int64       `json:"count"`

	export *exportPlan // set for ?filetype=csv: the terminator streams it instead
}

// list is GET /{name}: filters, order and page → {"rows", "count"}, or
// with ?filetype=csv every matching record as a CSV download.
func (b *built[T]) list(r *primitives.Request) mo.Result[*List[T]] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	lq, err := b.parseList(r, g, queryList)
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	if lq.csv {
		return mo.Ok(&List[T]{export: &exportPlan{coll: b.collection(r), filter: lq.filter, sort: lq.sort, fields: b.csv, name: b.res.Name}})
	}
	coll := b.collection(r)
	cur, err := coll.Find(r.Context(), lq.filter, options.Find().SetSort(lq.sort).SetSkip(lq.skip).SetLimit(lq.limit).SetProjection(bson.D{{Key: "_id", Value: 0}}))
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	rows, err := b.decodeAll(r, cur)
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	n, err := coll.CountDocuments(r.Context(), lq.filter)
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	return mo.Ok(&List[T]{Rows: rows, Count: n})
}

// decodeAll reads a cursor's records.
func (b *built[T]) decodeAll(r *primitives.Request, cur *mongo.Cursor) ([]Record[T], error) {
	defer cur.Close(r.Context())
	rows := []Record[T]{}
	for cur.Next(r.Context()) {
		rec, err := b.decodeRecord(cur.Current)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rec)
	}
	return rows, cur.Err()
}

// count is GET /{name}/count: {"rows": [], "count": N} for the filters.
func (b *built[T]) count(r *primitives.Request) mo.Result[*List[T]] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	lq, err := b.parseList(r, g, queryCount)
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	n, err := b.collection(r).CountDocuments(r.Context(), lq.filter)
	if err != nil {
		return mo.Err[*List[T]](err)
	}
	return mo.Ok(&List[T]{Rows: []Record[T]{}, Count: n})
}

// Option is one answer of GET /autocomplete.
type Option struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// autocomplete is GET /{name}/autocomplete?query=&limit=&offset=: the
// records whose id is query or whose label contains it (ignoring case),
// by label, as [{id, label}].
func (b *built[T]) autocomplete(r *primitives.Request) mo.Result[[]Option] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[[]Option](err)
	}
	q := r.ParsedQuery()
	var ps []schema.Problem
	limit, offset, text := int64(DefaultLimit), int64(0), ""
	for _, key := range q.Keys() {
		loc := "query." + key
		raw, _ := q.Lookup(key)
		v, ok := raw.(string)
		if !ok {
			ps = append(ps, schema.Problem{Location: loc, Rule: "type", Message: "must be a string, given once", Accepted: "string"})
			continue
		}
		switch key {
		case "query":
			text = v
		case "limit", "offset":
			n, p := nonNegative(v, loc, key == "limit")
			if p != nil {
				ps = append(ps, *p)
			} else if key == "limit" {
				limit = min(n, MaxLimit)
			} else {
				offset = n
			}
		default:
			ps = append(ps, schema.Problem{Location: loc, Rule: "unknown", Message: "is not a parameter of autocomplete (query, limit, offset)"})
		}
	}
	if len(ps) > 0 {
		return mo.Err[[]Option](errValidation(ps))
	}
	filter := b.scopeFilter(g)
	if text != "" {
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "id", Value: text}},
			bson.D{{Key: b.label, Value: bson.Regex{Pattern: regexp.QuoteMeta(text), Options: "i"}}},
		}})
	}
	sort := bson.D{{Key: b.label, Value: 1}}
	if b.label != "id" {
		sort = append(sort, bson.E{Key: "id", Value: 1})
	}
	cur, err := b.collection(r).Find(r.Context(), filter, options.Find().SetSort(sort).SetSkip(offset).SetLimit(limit).
		SetProjection(bson.D{{Key: "_id", Value: 0}, {Key: "id", Value: 1}, {Key: b.label, Value: 1}}))
	if err != nil {
		return mo.Err[[]Option](err)
	}
	defer cur.Close(r.Context())
	out := []Option{}
	for cur.Next(r.Context()) {
		id, _ := cur.Current.Lookup("id").StringValueOK()
		label, _ := cur.Current.Lookup(b.label).StringValueOK()
		out = append(out, Option{ID: id, Label: label})
	}
	return mo.TupleToResult(out, cur.Err())
}

// nonNegative reads an integer query value of at least 0 (1 for limit).
func nonNegative(v, loc string, positive bool) (int64, *schema.Problem) {
	lo := int64(0)
	if positive {
		lo = 1
	}
	var n int64
	ok := v != ""
	for _, c := range v {
		if c < '0' || c > '9' || n > 1<<40 {
			ok = false
			break
		}
		n = n*10 + int64(c-'0')
	}
	if !ok || n < lo {
		return 0, &schema.Problem{Location: loc, Rule: "minimum", Message: "must be an integer of at least " + string(rune('0'+lo)), Accepted: lo}
	}
	return n, nil
}

// Detail is the answer of GET /{id}: the record with its relations, each
// under its name.
type Detail[T any] struct {
	Record    Record[T]
	Relations map[string]any
	names     []string
}

// MarshalJSON writes the record's fields, then each loaded relation.
func (d Detail[T]) MarshalJSON() ([]byte, error) {
	rec, err := d.Record.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write(rec[:len(rec)-1])
	for _, n := range d.names {
		v, ok := d.Relations[n]
		if !ok {
			continue
		}
		rel, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		b.WriteByte(',')
		writeJSONString(&b, n)
		b.WriteByte(':')
		b.Write(rel)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// get is GET /{name}/{id}: the live record in the caller's scope, with
// its relations (one indexed {foreignKey: id} query each).
func (b *built[T]) get(r *primitives.Request) mo.Result[*Detail[T]] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[*Detail[T]](err)
	}
	id := r.PathValue("id")
	raw, err := b.collection(r).FindOne(r.Context(), append(bson.D{{Key: "id", Value: id}}, b.scopeFilter(g)...)).Raw()
	if err == mongo.ErrNoDocuments {
		return mo.Err[*Detail[T]](b.errNotFound())
	}
	if err != nil {
		return mo.Err[*Detail[T]](err)
	}
	rec, err := b.decodeRecord(raw)
	if err != nil {
		return mo.Err[*Detail[T]](err)
	}
	d := &Detail[T]{Record: rec, Relations: map[string]any{}}
	for _, rel := range b.res.Relations {
		d.names = append(d.names, rel.Name)
		if !g.Has(rel.permission) {
			continue // the caller may not read the related resource
		}
		v, err := rel.load(r, g, id)
		if err != nil {
			return mo.Err[*Detail[T]](err)
		}
		d.Relations[rel.Name] = v
	}
	return mo.Ok(d)
}

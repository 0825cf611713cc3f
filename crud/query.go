package crud

import (
	"strconv"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// Pages: GET / reads ?page= (0-based: page 0 is the first, as in the
// original system, whose offset was page × limit) and ?limit= (default
// DefaultLimit, at most MaxLimit: a larger limit is lowered to MaxLimit).
const (
	DefaultLimit = 10
	MaxLimit     = 100
)

// listQuery is a list request's query, read from typed values only.
type listQuery struct {
	filter bson.D
	sort   bson.D
	skip   int64
	limit  int64
	csv    bool
}

// queryKind says which parameters a route reads besides filters.
type queryKind uint8

const (
	queryList queryKind = iota
	queryCount
)

// parseList reads the filters, order, page and filetype of GET / (and
// the filters of GET /count, which ignores order and page). Every
// parameter must be declared, and a string (or, for Exact and Range, a
// repeated string); anything else (name[$ne]=x) is a 400 naming it.
func (b *built[T]) parseList(r *primitives.Request, g *Grants, kind queryKind) (*listQuery, error) {
	q := r.ParsedQuery()
	lq := &listQuery{filter: b.scopeFilter(g), limit: DefaultLimit}
	var ps []schema.Problem
	field, dir := b.defSort, 1
	for _, key := range q.Keys() {
		loc := "query." + key
		raw, _ := q.Lookup(key)
		values, ok := stringsOf(raw)
		if !ok {
			ps = append(ps, schema.Problem{Location: loc, Rule: "type", Message: "must be a string", Accepted: "string"})
			continue
		}
		if f, declared := b.filters[key]; declared {
			cond, p := f.condition(b.fields[f.Field].kind, values, loc)
			if p != nil {
				ps = append(ps, *p)
			} else if cond.Key != "" {
				lq.filter = append(lq.filter, cond)
			}
			continue
		}
		if len(values) != 1 {
			ps = append(ps, schema.Problem{Location: loc, Rule: "type", Message: "must be given once", Accepted: "string"})
			continue
		}
		v := values[0]
		switch key {
		case "field":
			if !b.sortable[v] {
				ps = append(ps, schema.Problem{Location: loc, Rule: "enum", Message: "must be one of: " + join(b.res.Sortable), Accepted: anys(b.res.Sortable)})
			}
			field = v
		case "sort":
			switch v {
			case "asc", "ASC":
				dir = 1
			case "desc", "DESC":
				dir = -1
			default:
				ps = append(ps, schema.Problem{Location: loc, Rule: "enum", Message: "must be one of: asc, desc", Accepted: []any{"asc", "desc"}})
			}
		case "page":
			n, err := strconv.ParseInt(v, 10, 32)
			if err != nil || n < 0 {
				ps = append(ps, schema.Problem{Location: loc, Rule: "minimum", Message: "must be an integer of at least 0 (the first page is 0)", Accepted: 0})
				continue
			}
			lq.skip = n // times limit, below
		case "limit":
			n, err := strconv.ParseInt(v, 10, 32)
			if err != nil || n < 1 {
				ps = append(ps, schema.Problem{Location: loc, Rule: "minimum", Message: "must be an integer of at least 1", Accepted: 1})
				continue
			}
			lq.limit = min(n, MaxLimit)
		case "filetype":
			if v != "csv" || kind != queryList {
				ps = append(ps, schema.Problem{Location: loc, Rule: "enum", Message: "must be csv", Accepted: []any{"csv"}})
				continue
			}
			if len(b.csv) == 0 {
				ps = append(ps, schema.Problem{Location: loc, Rule: "unknown", Message: b.res.Name + " has no CSV export"})
				continue
			}
			lq.csv = true
		default:
			ps = append(ps, schema.Problem{Location: loc, Rule: "unknown", Message: "is not a filter of " + b.res.Name})
		}
	}
	if len(ps) > 0 {
		return nil, errValidation(ps)
	}
	lq.skip *= lq.limit
	lq.sort = bson.D{{Key: field, Value: dir}}
	if field != "id" {
		lq.sort = append(lq.sort, bson.E{Key: "id", Value: 1})
	}
	return lq, nil
}

// stringsOf returns the string values of a parsed query value: a string,
// or an array of strings (a repeated key). Objects ("a[b]=c") are not.
func stringsOf(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func anys(vs []string) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

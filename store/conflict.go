package store

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Which unique index did a write violate? MongoDB names it in its E11000
// message; FerretDB 1.24 does not on an update ("UNIQUE constraint
// failed", the SQLite error). So the store answers the same question the
// same way on both: after a duplicate-key error it lists the collection's
// unique indexes and asks, for each in the order of their names, whether
// another document already holds the values the write tried to store; the
// first that does is the conflict. (The order of names, because MongoDB
// lists indexes in creation order and FerretDB by name; and the index a
// server's message names when a write violates several differs between
// them too.) The message's index name is the fallback for
// a document deleted in between. Indexes are listed again at each
// duplicate, a rare event, rather than cached: an index made later is
// never missed.

// value looks up a dotted path in the document a write tried to store.
type value func(path string) (bson.RawValue, bool)

// inDoc looks paths up in doc.
func inDoc(doc bson.Raw) value {
	return func(path string) (bson.RawValue, bool) {
		v, err := doc.LookupErr(strings.Split(path, ".")...)
		return v, err == nil
	}
}

// duplicate is the Duplicate error of an insert of doc that failed with
// cause.
func duplicate(ctx context.Context, c *mongo.Collection, cause error, doc bson.Raw) *primitives.Error {
	return conflict(ctx, c, cause, "", inDoc(doc))
}

// duplicateUpdate is the Duplicate error of an update of document id by
// set and unset that failed with cause: the values it tried to store are
// the stored document's with set and unset applied.
func duplicateUpdate(ctx context.Context, c *mongo.Collection, cause error, id string, set, unset bson.D) *primitives.Error {
	var cur bson.Raw
	if err := c.FindOne(ctx, bson.D{bson.E{Key: "id", Value: id}}).Decode(&cur); err != nil {
		cur = bson.Raw{}
	}
	return conflict(ctx, c, cause, id, func(path string) (bson.RawValue, bool) {
		top, rest, nested := strings.Cut(path, ".")
		for _, e := range unset {
			if e.Key == top {
				return bson.RawValue{}, false
			}
		}
		for _, e := range set {
			if e.Key != top {
				continue
			}
			v, ok := e.Value.(bson.RawValue)
			if !ok {
				t, b, err := bson.MarshalValue(e.Value)
				if err != nil {
					return bson.RawValue{}, false
				}
				v = bson.RawValue{Type: t, Value: b}
			}
			if !nested {
				return v, true
			}
			d, ok := v.DocumentOK()
			if !ok {
				return bson.RawValue{}, false
			}
			return inDoc(d)(rest)
		}
		return inDoc(cur)(path)
	})
}

// indexName reads the index a MongoDB E11000 message names ("index:
// email_1 dup key"), or the SQLite index of a FerretDB update's message
// ("index 'notes_f50c43ef_email_1'", the collection's table, a hash and
// the index's name).
var indexName = regexp.MustCompile(`index: (\S+) dup key|index '([^']+)'`)

// conflict finds the unique index a write violated (see above); self is
// the id of the document updated, "" for an insert.
func conflict(ctx context.Context, c *mongo.Collection, cause error, self string, get value) *primitives.Error {
	specs, err := c.Indexes().ListSpecifications(ctx)
	if err != nil {
		return duplicateOf(cause, []string{})
	}
	type unique struct {
		name   string
		fields []string
	}
	var uniques []unique
	for _, s := range specs {
		if s.Unique == nil || !*s.Unique {
			continue
		}
		u := unique{name: s.Name}
		elems, _ := s.KeysDocument.Elements()
		for _, e := range elems {
			u.fields = append(u.fields, e.Key())
		}
		uniques = append(uniques, u)
	}
	slices.SortFunc(uniques, func(a, b unique) int { return strings.Compare(a.name, b.name) })
	for _, u := range uniques {
		q := bson.D{}
		complete := true
		for _, f := range u.fields {
			v, ok := get(f)
			if !ok {
				complete = false
				break
			}
			q = append(q, bson.E{Key: f, Value: v})
		}
		if !complete {
			continue
		}
		if self != "" {
			q = append(q, bson.E{Key: "id", Value: bson.D{bson.E{Key: "$ne", Value: self}}})
		}
		if n, err := c.CountDocuments(ctx, q, options.Count().SetLimit(1)); err == nil && n > 0 {
			return duplicateOf(cause, u.fields)
		}
	}
	if m := indexName.FindStringSubmatch(cause.Error()); m != nil {
		for _, u := range uniques {
			if u.name == m[1] || m[2] != "" && strings.HasSuffix(m[2], "_"+u.name) {
				return duplicateOf(cause, u.fields)
			}
		}
	}
	return duplicateOf(cause, []string{})
}

package store

import (
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Sort orders the documents of a page. Build it with [OrderBy]. Every sort
// ends with id ascending unless it names id itself, so that documents with
// equal keys keep one order from page to page (MongoDB does not promise
// any order among equal keys, and skip/limit would then repeat or miss
// documents across pages). The zero Sort is id ascending.
type Sort[T any] struct {
	keys bson.D
	err  error
}

// OrderBy sorts by the given fields of T, in order: "title" is ascending,
// "-createdAt" descending. A field T does not have makes the sort fail
// with [ErrInvalid] when used, and so does a field named twice, so OrderBy
// may take a client's ?sort= keys as they are (map ErrInvalid to 400 on
// that route).
func OrderBy[T any](keys ...string) Sort[T] {
	var s Sort[T]
	for _, k := range keys {
		dir := 1
		if name, ok := strings.CutPrefix(k, "-"); ok {
			k, dir = name, -1
		}
		if err := checkPath[T](k); err != nil {
			return Sort[T]{err: err}
		}
		for _, e := range s.keys {
			if e.Key == k {
				return Sort[T]{err: invalid(k, "sorted by twice")}
			}
		}
		s.keys = append(s.keys, bson.E{Key: k, Value: dir})
	}
	return s
}

// BSON returns the sort document MongoDB receives, id tie-break included,
// or the error of a field T does not have.
func (s Sort[T]) BSON() (bson.D, error) {
	if s.err != nil {
		return nil, s.err
	}
	keys := make(bson.D, 0, len(s.keys)+1)
	seen := false
	for _, k := range s.keys {
		seen = seen || k.Key == "id"
		keys = append(keys, k)
	}
	if !seen {
		keys = append(keys, bson.E{Key: "id", Value: 1})
	}
	return keys, nil
}

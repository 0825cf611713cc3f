package blocks

import (
	"encoding/json"
	"maps"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// appendExtraFields appends the unmodelled fields of a stored document to
// the JSON object known (the modelled fields), in key order since a map has
// none, skipping hidden keys. Documents written by a Node service or a later
// SDK version thus round-trip through Blockyard's typed structs.
func appendExtraFields(known []byte, extra bson.M, hidden ...string) ([]byte, error) {
	if len(extra) == 0 || len(known) < 2 {
		return known, nil
	}
	buf := known[:len(known)-1]
	empty := len(known) == 2 // "{}"
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		if k == "_id" || slices.Contains(hidden, k) {
			continue
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		if !empty {
			buf = append(buf, ',')
		}
		empty = false
		buf = append(append(append(buf, kb...), ':'), vb...)
	}
	return append(buf, '}'), nil
}

package schema

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzValidate: no body or query string makes validation panic, and the
// caller's body is never modified, for every route schema of the spec.
func FuzzValidate(f *testing.F) {
	f.Add(`{"organization":{"name":"n","description":"d","contact_email":"a@b.co","logo":""},"ownerId":1}`, "page=2&limit=x")
	f.Add(`[{"identityId":"a","role":"owner"},{"identityId":{"$where":"1"}}]`, "name[$regex]=.*&name=b")
	f.Add(`{"a":{"b":{"c":[1,{"__proto__":null}]}}}`, "depth=1e3&includeInherited=true")
	validators := map[string]*Validator{}
	for name, r := range specRequests() {
		validators[name] = MustCompile(r)
	}
	f.Fuzz(func(t *testing.T, body, query string) {
		dec := json.NewDecoder(bytes.NewReader([]byte(body)))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		before, _ := json.Marshal(v)
		for _, val := range validators {
			val.Validate(Input{Path: pathValues("organizationId", "o1", "identityId", "i1"), RawQuery: query, Body: v, HasBody: true})
		}
		if after, _ := json.Marshal(v); !bytes.Equal(before, after) {
			t.Fatalf("Validate modified the caller's body: %s → %s", before, after)
		}
	})
}

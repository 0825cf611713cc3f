package crud_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/blockyard/blockyard/primitives/schema"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// problems decodes a field-named 400's data.
func problems(t *testing.T, body []byte) []schema.Problem {
	t.Helper()
	var env struct {
		Error struct {
			Message string           `json:"message"`
			Data    []schema.Problem `json:"data"`
		} `json:"error"`
	}
	if err := jsonUnmarshal(body, &env); err != nil {
		t.Fatalf("not an error envelope: %s", body)
	}
	return env.Error.Data
}

func hasProblem(ps []schema.Problem, loc, rule string) bool {
	return slices.ContainsFunc(ps, func(p schema.Problem) bool { return p.Location == loc && p.Rule == rule })
}

func TestWriteReadCycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.user(t, f.OrgA, f.OwnerRole)

	owner.Post("/campuses", map[string]any{"data": map[string]any{"name": "North", "address": "1 Road"}}).ExpectStatus(t, http.StatusOK)
	var stored bson.M
	if err := f.DB.Collection("campuses").FindOne(t.Context(), bson.D{{Key: "name", Value: "North"}}).Decode(&stored); err != nil {
		t.Fatal(err)
	}
	id, _ := stored["id"].(string)
	if stored["organizationId"] != f.OrgA || stored["createdById"] == "" || stored["createdById"] != stored["updatedById"] || stored["deletedAt"] != nil {
		t.Fatalf("stored = %v", stored)
	}

	got := owner.Get("/campuses/"+id).ExpectStatus(t, http.StatusOK).Map()
	if got["name"] != "North" || got["address"] != "1 Road" || got["organizationId"] != f.OrgA || got["id"] != id {
		t.Fatalf("get = %v", got)
	}

	// Bad bodies: each problem names its field.
	for _, tc := range []struct {
		body      any
		loc, rule string
	}{
		{map[string]any{"data": map[string]any{"name": "x", "organizationId": f.OrgB}}, "body.data.organizationId", "readOnly"},
		{map[string]any{"data": map[string]any{"name": "x", "id": "x"}}, "body.data.id", "readOnly"},
		{map[string]any{"data": map[string]any{"name": "x", "createdById": "x"}}, "body.data.createdById", "readOnly"},
		{map[string]any{"data": map[string]any{"name": "x", "colour": "red"}}, "body.data.colour", "unknown"},
		{map[string]any{"data": map[string]any{"address": "x"}}, "body.data.name", "required"},
		{map[string]any{"data": map[string]any{"name": 12}}, "body.data.name", "type"},
		{map[string]any{"data": map[string]any{"name": string(make([]byte, 101))}}, "body.data.name", "maxLength"},
		{map[string]any{"name": "x"}, "body.name", "unknown"},
		{map[string]any{}, "body.data", "required"},
		{map[string]any{"data": []any{}}, "body.data", "type"},
	} {
		res := owner.Post("/campuses", tc.body).ExpectStatus(t, http.StatusBadRequest)
		if ps := problems(t, res.Body); !hasProblem(ps, tc.loc, tc.rule) {
			t.Errorf("POST %v: problems %+v, want %s %s", tc.body, ps, tc.loc, tc.rule)
		}
	}
	if n := f.count(t, "campuses", bson.D{}); n != 1 {
		t.Fatalf("bad bodies stored records: %d", n)
	}

	// PUT: the path id wins; a disagreeing body id is a 400; the fields
	// sent change, the others stay.
	res := owner.Put("/campuses/"+id, map[string]any{"id": f.OrgB, "data": map[string]any{"name": "South"}}).ExpectStatus(t, http.StatusBadRequest)
	if ps := problems(t, res.Body); !hasProblem(ps, "body.id", "const") {
		t.Errorf("mismatching id: %+v", ps)
	}
	owner.Put("/campuses/"+id, map[string]any{"id": id, "data": map[string]any{"name": "South"}}).ExpectStatus(t, http.StatusOK)
	owner.Put("/campuses/"+id, map[string]any{"data": map[string]any{"name": ""}}).ExpectStatus(t, http.StatusBadRequest)
	owner.Put("/campuses/"+id, map[string]any{"data": map[string]any{"updatedAt": "x"}}).ExpectStatus(t, http.StatusBadRequest)
	got = owner.Get("/campuses/"+id).ExpectStatus(t, http.StatusOK).Map()
	if got["name"] != "South" || got["address"] != "1 Road" {
		t.Fatalf("after PUT: %v", got)
	}
	owner.Put("/campuses/"+f.OrgA, map[string]any{"data": map[string]any{"name": "x"}}).ExpectError(t, http.StatusNotFound, "campusesNotFound")

	// Soft delete: gone from every read, 404 on a second delete, restorable.
	owner.Delete("/campuses/"+id).ExpectStatus(t, http.StatusOK)
	owner.Get("/campuses/"+id).ExpectError(t, http.StatusNotFound, "campusesNotFound")
	owner.Delete("/campuses/"+id).ExpectError(t, http.StatusNotFound, "campusesNotFound")
	owner.Put("/campuses/"+id, map[string]any{"data": map[string]any{"name": "x"}}).ExpectError(t, http.StatusNotFound, "campusesNotFound")
	if l := list(t, owner, "/campuses"); len(l.Rows) != 0 || l.Count != 0 {
		t.Errorf("list after delete: %+v", l)
	}
	if l := list(t, owner, "/campuses/count"); l.Count != 0 {
		t.Errorf("count after delete: %+v", l)
	}
	if body := string(owner.Get("/campuses/autocomplete").ExpectStatus(t, http.StatusOK).Body); body != "[]" {
		t.Errorf("autocomplete after delete: %s", body)
	}
	if body := string(owner.Get("/campuses?filetype=csv").ExpectStatus(t, http.StatusOK).Body); body != "id,name,address\r\n" {
		t.Errorf("export after delete: %q", body)
	}
	if n := f.count(t, "campuses", bson.D{{Key: "id", Value: id}, {Key: "deletedAt", Value: bson.D{{Key: "$ne", Value: nil}}}}); n != 1 {
		t.Errorf("the record is not kept, soft-deleted: %d", n)
	}
	owner.Post("/campuses/"+id+"/restore", nil).ExpectStatus(t, http.StatusOK)
	owner.Post("/campuses/"+id+"/restore", nil).ExpectError(t, http.StatusNotFound, "campusesNotFound")
	owner.Get("/campuses/"+id).ExpectStatus(t, http.StatusOK)
}

package crud_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// seedWidgets stores widgets of org with the given names, counts and
// statuses, createdAt one second apart in the given order.
func seedWidgets(t *testing.T, f *fixture, org string, ws ...bson.D) []string {
	t.Helper()
	var ids []string
	for i, w := range ws {
		ts := fmt.Sprintf("2026-01-01T00:00:%02d.000Z", i)
		doc := append(bson.D{{Key: "organizationId", Value: org}}, w...)
		id := f.insert(t, "widgets", doc)
		if _, err := f.DB.Collection("widgets").UpdateOne(t.Context(), bson.D{{Key: "id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "createdAt", Value: ts}}}}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func widget(name, status string, count int, price float64, active bool) bson.D {
	return bson.D{{Key: "name", Value: name}, {Key: "status", Value: status}, {Key: "count", Value: count}, {Key: "price", Value: price}, {Key: "active", Value: active}}
}

func TestListFiltersOrderPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	reader := f.user(t, f.OrgA, f.ReaderRole)
	ids := seedWidgets(t, f, f.OrgA,
		widget("Alpha", "draft", 1, 1.5, true),
		widget("beta", "live", 5, 2.5, false),
		widget("Gamma (big)", "live", 5, 10, true),
		widget("a.c", "retired", 9, 0, false),
		widget("abc", "live", 12, 3, true),
	)
	seedWidgets(t, f, f.OrgB, widget("Alpha B", "live", 1, 1, true)) // never seen by org A

	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"Alpha", "beta", "Gamma (big)", "a.c", "abc"}}, // createdAt order
		{"id=" + ids[1], []string{"beta"}},
		{"id=" + ids[1] + "&id=" + ids[0], []string{"Alpha", "beta"}},
		{"name=ALP", []string{"Alpha"}},
		{"name=" + url.QueryEscape("a.c"), []string{"a.c"}},           // "." is literal, not any character
		{"name=" + url.QueryEscape("(big)"), []string{"Gamma (big)"}}, // parentheses literal
		{"name=" + url.QueryEscape(".*"), nil},
		{"status=live", []string{"beta", "Gamma (big)", "abc"}},
		{"active=false", []string{"beta", "a.c"}},
		{"countRange=5&countRange=9", []string{"beta", "Gamma (big)", "a.c"}},
		{"countRange=9&countRange=", []string{"a.c", "abc"}},
		{"countRange=&countRange=1", []string{"Alpha"}},
		{"priceRange=2.5&priceRange=3", []string{"beta", "abc"}},
		{"createdAtRange=2026-01-01T00:00:01.000Z&createdAtRange=2026-01-01T00:00:02.000Z", []string{"beta", "Gamma (big)"}},
		{"status=live&active=true", []string{"Gamma (big)", "abc"}},
		{"field=name&sort=asc", []string{"Alpha", "Gamma (big)", "a.c", "abc", "beta"}}, // byte order
		{"field=name&sort=desc", []string{"beta", "abc", "a.c", "Gamma (big)", "Alpha"}},
	} {
		l := list(t, reader, "/widgets?"+tc.query)
		if got := names(l); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("?%s: %v, want %v", tc.query, got, tc.want)
		}
		if l.Count != int64(len(tc.want)) {
			t.Errorf("?%s: count %d, want %d", tc.query, l.Count, len(tc.want))
		}
		if c := list(t, reader, "/widgets/count?"+tc.query); c.Count != l.Count || len(c.Rows) != 0 {
			t.Errorf("count?%s = %+v, list count %d", tc.query, c, l.Count)
		}
	}

	// Ties (count 5 twice) are broken by id, both ways.
	tied := []string{ids[1], ids[2]}
	slices.Sort(tied)
	for _, dir := range []string{"asc", "desc"} {
		l := list(t, reader, "/widgets?countRange=5&countRange=5&field=count&sort="+dir)
		if len(l.Rows) != 2 || l.Rows[0]["id"] != tied[0] || l.Rows[1]["id"] != tied[1] {
			t.Errorf("ties %s: %v", dir, l.Rows)
		}
	}

	// Pages: 0-based, limit, count is the total.
	var seen []string
	for page := 0; page < 3; page++ {
		l := list(t, reader, fmt.Sprintf("/widgets?field=count&sort=asc&limit=2&page=%d", page))
		if l.Count != 5 {
			t.Errorf("page %d: count %d", page, l.Count)
		}
		seen = append(seen, names(l)...)
	}
	want := []string{"Alpha", "beta", "Gamma (big)", "a.c", "abc"}
	if tied[0] == ids[2] {
		want[1], want[2] = want[2], want[1]
	}
	if !slices.Equal(seen, want) {
		t.Errorf("pages: %v, want %v (no repeat, no skip)", seen, want)
	}
	if l := list(t, reader, "/widgets?limit=2&page=7"); len(l.Rows) != 0 || l.Count != 5 {
		t.Errorf("past the end: %+v", l)
	}
	var many []any
	for i := range 105 {
		many = append(many, append(bson.D{{Key: "id", Value: fmt.Sprintf("w%03d", i)}, {Key: "organizationId", Value: f.OrgA}, {Key: "deletedAt", Value: nil},
			{Key: "createdAt", Value: "2027-01-01T00:00:00.000Z"}}, widget(fmt.Sprintf("w%03d", i), "draft", 0, 0, false)...))
	}
	if _, err := f.DB.Collection("widgets").InsertMany(t.Context(), many); err != nil {
		t.Fatal(err)
	}
	if l := list(t, reader, "/widgets?limit=1000"); len(l.Rows) != 100 || l.Count != 110 {
		t.Errorf("cap: %d rows, count %d", len(l.Rows), l.Count)
	}
	if l := list(t, reader, "/widgets"); len(l.Rows) != 10 {
		t.Errorf("default limit: %d rows", len(l.Rows))
	}

	// Undeclared, badly typed and operator-shaped parameters are 400s.
	for _, q := range []string{
		"active=1", "status=gone", "countRange=x", "countRange=1&countRange=2&countRange=3", "colour=red",
		"field=status", "field=name&sort=up", "page=-1", "limit=0", "filetype=xml",
		"name[$ne]=x", "name[$regex]=.*", "id[$ne]=", url.PathEscape(`{"$ne":null}`) + "=1", "name=a&name=b",
	} {
		reader.Get("/widgets?"+q).ExpectStatus(t, http.StatusBadRequest)
		reader.Get("/widgets/count?"+q).ExpectStatus(t, http.StatusBadRequest)
	}
	reader.Get("/widgets/count?filetype=csv").ExpectStatus(t, http.StatusBadRequest)
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	reader := f.user(t, f.OrgA, f.ReaderRole)
	ids := seedWidgets(t, f, f.OrgA, widget("Zeta", "draft", 1, 1, true), widget("alpha", "draft", 1, 1, true), widget("Alphabet", "draft", 1, 1, true), widget("b+c", "draft", 1, 1, true))
	seedWidgets(t, f, f.OrgB, widget("Alpha of B", "draft", 1, 1, true))
	type opt struct{ ID, Label string }
	get := func(q string) []opt {
		var out []opt
		reader.Get("/widgets/autocomplete?"+q).ExpectStatus(t, http.StatusOK).JSON(t, &out)
		return out
	}
	if got := get("query=ALPHA"); len(got) != 2 || got[0].Label != "Alphabet" || got[1].Label != "alpha" {
		t.Errorf("by substring: %+v", got)
	}
	if got := get("query=" + ids[0]); len(got) != 1 || got[0].ID != ids[0] || got[0].Label != "Zeta" {
		t.Errorf("by id: %+v", got)
	}
	if got := get("query=" + url.QueryEscape("b+c")); len(got) != 1 || got[0].Label != "b+c" {
		t.Errorf("literal +: %+v", got)
	}
	if got := get(""); len(got) != 4 || got[0].Label != "Alphabet" {
		t.Errorf("all, by label: %+v", got)
	}
	if got := get("limit=1&offset=1"); len(got) != 1 || got[0].Label != "Zeta" {
		t.Errorf("limit/offset: %+v", got)
	}
	for _, q := range []string{"limit=0", "offset=-1", "q=x", "query[$ne]=x"} {
		reader.Get("/widgets/autocomplete?"+q).ExpectStatus(t, http.StatusBadRequest)
	}
}

func TestDeleteByIDsAllOrNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.user(t, f.OrgA, f.OwnerRole)
	a := seedWidgets(t, f, f.OrgA, widget("a1", "draft", 1, 1, true), widget("a2", "draft", 1, 1, true), widget("a3", "draft", 1, 1, true))
	b := seedWidgets(t, f, f.OrgB, widget("b1", "draft", 1, 1, true))

	// An id of another organization counts as missing: nothing is deleted.
	res := owner.Post("/widgets/deleteByIds", map[string]any{"data": []string{a[0], b[0]}}).ExpectStatus(t, http.StatusNotFound)
	if m := res.Map()["error"].(map[string]any)["data"].(map[string]any)["missing"].([]any); len(m) != 1 || m[0] != b[0] {
		t.Errorf("missing = %v", m)
	}
	if n := f.count(t, "widgets", bson.D{{Key: "deletedAt", Value: nil}}); n != 4 {
		t.Fatalf("a refused deleteByIds deleted something: %d live", n)
	}
	owner.Post("/widgets/deleteByIds", map[string]any{"data": []any{}}).ExpectStatus(t, http.StatusBadRequest)
	owner.Post("/widgets/deleteByIds", map[string]any{"data": []any{1}}).ExpectStatus(t, http.StatusBadRequest)
	owner.Post("/widgets/deleteByIds", map[string]any{"data": []string{a[0], a[1]}}).ExpectStatus(t, http.StatusOK)
	if l := list(t, owner, "/widgets"); l.Count != 1 || l.Rows[0]["id"] != a[2] {
		t.Errorf("after deleteByIds: %+v", l)
	}
	// Deleted ids are missing too.
	owner.Post("/widgets/deleteByIds", map[string]any{"data": []string{a[0], a[2]}}).ExpectStatus(t, http.StatusNotFound)
	if n := f.count(t, "widgets", bson.D{{Key: "id", Value: a[2]}, {Key: "deletedAt", Value: nil}}); n != 1 {
		t.Error("a refused deleteByIds deleted a live record")
	}
}

func TestRelations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	admin := f.Admin
	reader := f.user(t, f.OrgA, f.ReaderRole)
	admin.Post("/campuses?organizationId="+f.OrgA, map[string]any{"data": map[string]any{"name": "C1"}}).ExpectStatus(t, http.StatusOK)
	admin.Post("/campuses?organizationId="+f.OrgA, map[string]any{"data": map[string]any{"name": "C2"}}).ExpectStatus(t, http.StatusOK)
	admin.Post("/campuses?organizationId="+f.OrgB, map[string]any{"data": map[string]any{"name": "B1"}}).ExpectStatus(t, http.StatusOK)
	var org struct {
		ID       string           `json:"id"`
		Name     string           `json:"name"`
		Campuses []map[string]any `json:"campuses"`
		Users    []map[string]any `json:"users"`
	}
	admin.Get("/organizations/"+f.OrgA).ExpectStatus(t, http.StatusOK).JSON(t, &org)
	if org.Name != "Org A" || len(org.Campuses) != 2 || org.Campuses[0]["name"] != "C1" || len(org.Users) != 1 {
		t.Fatalf("organization with relations: %+v", org)
	}
	// The reader may not read users: no users key.
	m := reader.Get("/organizations/"+f.OrgA).ExpectStatus(t, http.StatusOK).Map()
	if _, has := m["users"]; has {
		t.Errorf("relations without the child's permission: %v", m)
	}
	if c, _ := m["campuses"].([]any); len(c) != 2 {
		t.Errorf("campuses: %v", m["campuses"])
	}
	// Lists load no relations.
	l := list(t, admin, "/organizations?id="+f.OrgA)
	if _, has := l.Rows[0]["campuses"]; has {
		t.Errorf("list loaded relations: %v", l.Rows[0])
	}
}

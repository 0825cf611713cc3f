package crud_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.user(t, f.OrgA, f.OwnerRole)
	b := f.user(t, f.OrgB, f.OwnerRole)
	seedWidgets(t, f, f.OrgA,
		widget("plain", "live", 1, 1.25, true),
		widget(`comma, "quoted"`, "draft", -2, 0, false),
		widget("=1+1", "live", 3, -4.5, true),
		widget("+cmd|' /C calc'!A0", "live", 0, 0, true),
		widget("-neg", "retired", 0, 0, false),
		widget("@SUM(A1)", "live", 0, 0, false),
		widget("\tTab", "live", 0, 0, false),
		widget("'quote first", "live", 0, 0, false),
		widget("multi\nline", "live", 0, 0, false),
	)
	res := a.Get("/widgets?filetype=csv&status=live").ExpectStatus(t, http.StatusOK)
	if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != "text/csv; charset=utf-8" || !strings.HasPrefix(cd, "attachment;") {
		t.Errorf("headers: %q %q", ct, cd)
	}
	first := string(res.Body)
	rows, err := csv.NewReader(strings.NewReader(first)).ReadAll()
	if err != nil {
		t.Fatalf("export is not CSV: %v\n%s", err, first)
	}
	if len(rows) != 8 || strings.Join(rows[0], ",") != "id,name,status,count,price,active" {
		t.Fatalf("export: %q", rows)
	}
	for _, r := range rows[1:] {
		if c := r[1][0]; strings.ContainsRune("=+-@\t\r", rune(c)) {
			t.Errorf("formula cell not neutralised: %q", r[1])
		}
	}
	if rows[1][1] != "plain" || rows[2][1] != "'=1+1" || rows[2][3] != "3" || rows[2][4] != "-4.5" || rows[2][5] != "true" {
		t.Errorf("cells: %q", rows[1:3])
	}
	if !strings.Contains(first, "\r\n") {
		t.Error("RFC 4180 wants CRLF line ends")
	}

	// Import the export into an empty resource (another database): the
	// same records, ids included, in the same order: the same file.
	g := newFixture(t)
	owner := g.user(t, g.OrgA, g.OwnerRole)
	body, ct := multipartCSV(t, first)
	owner.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusOK)
	if second := string(owner.Get("/widgets?filetype=csv").ExpectStatus(t, http.StatusOK).Body); second != first {
		t.Errorf("round trip changed the file:\n%q\n%q", first, second)
	}
	var w bson.M
	if err := g.DB.Collection("widgets").FindOne(t.Context(), bson.D{{Key: "name", Value: "=1+1"}}).Decode(&w); err != nil {
		t.Errorf("the neutralised value is not stored as it was: %v", err)
	} else if w["organizationId"] != g.OrgA || w["importHash"] == "" || w["createdById"] == "" {
		t.Errorf("imported record: %v", w)
	}

	// A second import of the same file adds nothing.
	owner.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusOK)
	if n := g.count(t, "widgets", bson.D{}); n != 7 {
		t.Errorf("after re-import: %d records, want 7", n)
	}
	// B's export never holds A's rows.
	if got := string(b.Get("/widgets?filetype=csv").ExpectStatus(t, http.StatusOK).Body); got != "id,name,status,count,price,active\r\n" {
		t.Errorf("B's export: %q", got)
	}
}

func TestImportWithoutIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.user(t, f.OrgA, f.OwnerRole)
	b := f.user(t, f.OrgB, f.OwnerRole)
	file := "name,status,count\r\nfirst,live,1\r\nsecond,draft,2\r\nthird,live,\r\n"
	body, ct := multipartCSV(t, file)
	a.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusOK)
	a.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusOK)
	// The same file in another organization is another set of rows.
	b.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusOK)
	if l := list(t, a, "/widgets"); strings.Join(names(l), ",") != "first,second,third" || l.Count != 3 {
		t.Errorf("A after two imports: %v", names(l))
	}
	if l := list(t, b, "/widgets"); l.Count != 3 {
		t.Errorf("B: %d", l.Count)
	}
	// The file's order survives sorting by creation time, both ways.
	if l := list(t, a, "/widgets?field=createdAt&sort=desc"); strings.Join(names(l), ",") != "third,second,first" {
		t.Errorf("by createdAt desc: %v", names(l))
	}
}

func TestImportBadRows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.user(t, f.OrgA, f.OwnerRole)
	seedWidgets(t, f, f.OrgA, widget("existing", "live", 1, 1, true))
	existing := list(t, a, "/widgets").Rows[0]["id"].(string)
	type rowProblem struct {
		Line     int    `json:"line"`
		Location string `json:"location"`
		Rule     string `json:"rule"`
	}
	check := func(file string, want ...rowProblem) {
		t.Helper()
		body, ct := multipartCSV(t, file)
		res := a.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusBadRequest)
		var env struct {
			Error struct{ Data []rowProblem }
		}
		res.JSON(t, &env)
		if fmt.Sprint(env.Error.Data) != fmt.Sprint(want) {
			t.Errorf("problems %v, want %v", env.Error.Data, want)
		}
		if n := f.count(t, "widgets", bson.D{{Key: "organizationId", Value: f.OrgA}}); n != 1 {
			t.Fatalf("a refused import stored rows: %d", n)
		}
	}
	check("name,status,count\nok,live,1\nbad,gone,1\nok2,live,x\n,live,1\nok3,live,1\n",
		rowProblem{3, "status", "enum"}, rowProblem{4, "count", "type"}, rowProblem{5, "name", "required"})
	check("name,colour\nx,red\n", rowProblem{1, "colour", "unknown"})
	check("name,name\nx,y\n", rowProblem{1, "name", "uniqueItems"})
	check("id,name,status\n"+existing+",dup,live\nnot-a-uuid,x,live\n", rowProblem{3, "id", "format"})
	// An id of another organization's record is taken; one of the
	// caller's own is there already (a re-imported export): skipped.
	other := seedWidgets(t, f, f.OrgB, widget("b's", "live", 1, 1, true))[0]
	check("id,name,status\n"+other+",dup,live\n", rowProblem{2, "id", "unique"})
	body, ct := multipartCSV(t, "id,name,status\n"+existing+",changed,live\n")
	a.Do(http.MethodPost, "/widgets/bulk-import", body, ct).ExpectStatus(t, http.StatusOK)
	if l := list(t, a, "/widgets"); l.Count != 1 || l.Rows[0]["name"] != "existing" {
		t.Errorf("a row of an existing id changed or added a record: %+v", l)
	}
	check("name,status\nx,live\n\"unterminated,live\n", rowProblem{3, "file", "format"})
	check("", rowProblem{1, "header", "required"})

	// Not multipart, no file field: 400.
	a.Post("/widgets/bulk-import", map[string]any{"file": "x"}).ExpectStatus(t, http.StatusBadRequest)
}

func TestImportLimits(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	small := widgets()
	small.Name, small.Collection = "smallwidgets", "widgets"
	small.Import.MaxRows, small.Import.MaxBytes = 3, 500
	g := newFixture(t, small.Feature())
	_ = f
	role := g.insert(t, "roles", bson.D{{Key: "name", Value: "small"}, {Key: "permissions", Value: all("SMALLWIDGETS")}, {Key: "globalAccess", Value: false}})
	a := g.user(t, g.OrgA, role)
	body, ct := multipartCSV(t, "name,status\na,live\nb,live\nc,live\nd,live\n")
	res := a.Do(http.MethodPost, "/smallwidgets/bulk-import", body, ct).ExpectStatus(t, http.StatusBadRequest)
	if !strings.Contains(string(res.Body), "at most 3 rows") {
		t.Errorf("rows limit: %s", res.Body)
	}
	body, ct = multipartCSV(t, "name,status\n"+strings.Repeat("abcdefghij,live\n", 30))
	a.Do(http.MethodPost, "/smallwidgets/bulk-import", body, ct).ExpectStatus(t, http.StatusRequestEntityTooLarge)
	if n := g.count(t, "widgets", bson.D{}); n != 0 {
		t.Errorf("refused imports stored %d rows", n)
	}
}

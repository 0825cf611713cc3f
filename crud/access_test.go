package crud_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// multipartCSV is a bulk-import request body with content as the file.
func multipartCSV(t testing.TB, content string) ([]byte, blockyardtest.RequestOption) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", "import.csv")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	mw.Close()
	return buf.Bytes(), blockyardtest.WithHeader("Content-Type", mw.FormDataContentType())
}

// TestAccessMatrix runs every generated route of a scoped resource as
// every kind of caller, on a record of organization A, and checks the
// status and that no record of A is ever seen, counted, exported or
// changed by a caller of B without global access.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	customPerms := []string{"READ_WIDGETS", "CREATE_WIDGETS", "UPDATE_WIDGETS", "DELETE_WIDGETS"}
	_, noRole := f.identity(t, "001") // a regular identity that is no user
	actors := []struct {
		name   string
		client *blockyardtest.Client
		want   int  // status of every route on A's record
		global bool // sees A's records
	}{
		{"no token", f.Anon, http.StatusUnauthorized, false},
		{"no user record", noRole, http.StatusForbidden, false},
		{"no permission", f.user(t, f.OrgA, ""), http.StatusForbidden, false},
		{"permission in another organization", f.user(t, f.OrgB, f.OwnerRole), 0, false},
		{"custom permissions only", f.user(t, f.OrgA, "", customPerms...), http.StatusOK, true},
		{"role permission", f.user(t, f.OrgA, f.OwnerRole), http.StatusOK, true},
		{"global access", f.user(t, f.OrgB, f.GlobalRole), http.StatusOK, true},
		{"system admin", f.Admin, http.StatusOK, true},
	}
	type route struct {
		name string
		call func(c *blockyardtest.Client, id string) *blockyardtest.Response
		// otherOrg is the status for a caller of B with the permission.
		otherOrg int
	}
	body, ct := multipartCSV(t, "name,status,count\nImported,live,1\n")
	routes := []route{
		{"create", func(c *blockyardtest.Client, _ string) *blockyardtest.Response {
			return c.Post("/widgets?organizationId="+f.OrgA, map[string]any{"data": map[string]any{"name": "n", "status": "live"}})
		}, http.StatusForbidden}, // a non-global caller may not name the organization
		{"bulkImport", func(c *blockyardtest.Client, _ string) *blockyardtest.Response {
			return c.Do(http.MethodPost, "/widgets/bulk-import?organizationId="+f.OrgA, body, ct)
		}, http.StatusForbidden},
		{"list", func(c *blockyardtest.Client, _ string) *blockyardtest.Response { return c.Get("/widgets") }, http.StatusOK},
		{"export", func(c *blockyardtest.Client, _ string) *blockyardtest.Response { return c.Get("/widgets?filetype=csv") }, http.StatusOK},
		{"count", func(c *blockyardtest.Client, _ string) *blockyardtest.Response { return c.Get("/widgets/count") }, http.StatusOK},
		{"autocomplete", func(c *blockyardtest.Client, _ string) *blockyardtest.Response {
			return c.Get("/widgets/autocomplete?query=target")
		}, http.StatusOK},
		{"get", func(c *blockyardtest.Client, id string) *blockyardtest.Response { return c.Get("/widgets/" + id) }, http.StatusNotFound},
		{"update", func(c *blockyardtest.Client, id string) *blockyardtest.Response {
			return c.Put("/widgets/"+id, map[string]any{"data": map[string]any{"name": "changed"}})
		}, http.StatusNotFound},
		{"delete", func(c *blockyardtest.Client, id string) *blockyardtest.Response { return c.Delete("/widgets/" + id) }, http.StatusNotFound},
		{"deleteByIds", func(c *blockyardtest.Client, id string) *blockyardtest.Response {
			return c.Post("/widgets/deleteByIds", map[string]any{"data": []string{id}})
		}, http.StatusNotFound},
		{"restore", func(c *blockyardtest.Client, id string) *blockyardtest.Response {
			return c.Post("/widgets/"+id+"/restore", nil)
		}, http.StatusNotFound},
		{"purge", func(c *blockyardtest.Client, id string) *blockyardtest.Response {
			return c.Delete("/widgets/" + id + "/purge")
		}, http.StatusNotFound},
	}
	for _, a := range actors {
		for _, rt := range routes {
			// A fresh record of A for each call (deleted, for restore).
			id := f.insert(t, "widgets", append(bson.D{{Key: "organizationId", Value: f.OrgA}}, widget("target", "live", 1, 1, true)...))
			if rt.name == "restore" || rt.name == "purge" {
				f.DB.Collection("widgets").UpdateOne(t.Context(), bson.D{{Key: "id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "deletedAt", Value: "2026-01-01T00:00:00.000Z"}}}})
			}
			before := f.stored(t, id)
			want := a.want
			if want == 0 {
				want = rt.otherOrg
			}
			res := rt.call(a.client, id)
			if res.Status != want {
				t.Errorf("%s as %s: status %d, want %d: %s", rt.name, a.name, res.Status, want, res.Body)
				continue
			}
			if a.global || res.Status != http.StatusOK {
				if !a.global {
					if after := f.stored(t, id); !bytes.Equal(before, after) {
						t.Errorf("%s as %s changed A's record", rt.name, a.name)
					}
				}
				continue
			}
			// A caller of B with the permission: nothing of A.
			if strings.Contains(string(res.Body), id) || strings.Contains(string(res.Body), "target") || strings.Contains(string(res.Body), f.OrgA) {
				t.Errorf("%s as %s answered A's record: %s", rt.name, a.name, res.Body)
			}
			if rt.name == "count" || rt.name == "list" {
				if l := list(t, a.client, "/widgets/count"); l.Count != 0 {
					t.Errorf("%s as %s counted A's records: %d", rt.name, a.name, l.Count)
				}
			}
			if after := f.stored(t, id); !bytes.Equal(before, after) {
				t.Errorf("%s as %s changed A's record", rt.name, a.name)
			}
		}
	}
}

// stored returns the stored widget id (without _id).
func (f *fixture) stored(t testing.TB, id string) bson.Raw {
	t.Helper()
	raw, err := f.DB.Collection("widgets").FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Raw()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestOrganizationsScopedByOwnID: a caller without global access sees
// its own organization only, creates none, and deleting one needs the
// role guard on top of DELETE_ORGANIZATIONS.
func TestOrganizationsScopedByOwnID(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	reader := f.user(t, f.OrgA, f.ReaderRole)
	if l := list(t, reader, "/organizations"); l.Count != 1 || l.Rows[0]["id"] != f.OrgA {
		t.Errorf("reader sees %+v", l)
	}
	reader.Get("/organizations/"+f.OrgB).ExpectError(t, http.StatusNotFound, "organizationsNotFound")
	if l := list(t, f.Admin, "/organizations"); l.Count != 2 {
		t.Errorf("admin sees %d", l.Count)
	}
	owner := f.user(t, f.OrgA, f.OwnerRole)
	owner.Post("/organizations", map[string]any{"data": map[string]any{"name": "New"}}).ExpectStatus(t, http.StatusForbidden)
	f.user(t, f.OrgB, f.GlobalRole).Post("/organizations", map[string]any{"data": map[string]any{"name": "New"}}).ExpectStatus(t, http.StatusOK)

	// A role with DELETE_ORGANIZATIONS that is not owner/super_admin/system_admin.
	deleter := f.insert(t, "roles", bson.D{{Key: "name", Value: "janitor"}, {Key: "permissions", Value: bson.A{"DELETE_ORGANIZATIONS"}}, {Key: "globalAccess", Value: false}})
	f.user(t, f.OrgA, deleter).Delete("/organizations/"+f.OrgA).ExpectStatus(t, http.StatusForbidden)
	owner.Delete("/organizations/"+f.OrgB).ExpectError(t, http.StatusNotFound, "organizationsNotFound")
	owner.Delete("/organizations/"+f.OrgA).ExpectStatus(t, http.StatusOK)
}

// TestUserAndRoleAdministration: roles are written by global callers
// only; a tenant administrator grants nothing it does not hold.
func TestUserAndRoleAdministration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.user(t, f.OrgA, f.OwnerRole)
	owner.Post("/roles", map[string]any{"data": map[string]any{"name": "x", "permissions": []string{}}}).ExpectStatus(t, http.StatusForbidden)
	f.Admin.Post("/roles", map[string]any{"data": map[string]any{"name": "teacher", "permissions": []string{"READ_CAMPUSES"}}}).ExpectStatus(t, http.StatusOK)
	res := f.Admin.Post("/roles", map[string]any{"data": map[string]any{"name": "teacher", "permissions": []string{}}}).ExpectStatus(t, http.StatusConflict)
	if got := string(res.Body); got != `{"error":{"message":"roles conflicts with an existing record","data":{"fields":["name"]}}}` {
		t.Errorf("conflict: %s", got)
	}
	f.Admin.Post("/roles", map[string]any{"data": map[string]any{"name": "other"}}).ExpectStatus(t, http.StatusOK)
	var other []struct{ ID string }
	f.Admin.Get("/roles/autocomplete?query=other").ExpectStatus(t, http.StatusOK).JSON(t, &other)
	f.Admin.Put("/roles/"+other[0].ID, map[string]any{"data": map[string]any{"name": "teacher"}}).ExpectStatus(t, http.StatusConflict)
	// A deleted role keeps its name (restorable): a new one cannot take it.
	var teacher []struct{ ID string }
	f.Admin.Get("/roles/autocomplete?query=teacher").ExpectStatus(t, http.StatusOK).JSON(t, &teacher)
	f.Admin.Delete("/roles/"+teacher[0].ID).ExpectStatus(t, http.StatusOK)
	f.Admin.Post("/roles", map[string]any{"data": map[string]any{"name": "teacher"}}).ExpectStatus(t, http.StatusConflict)
	f.Admin.Post("/roles/"+teacher[0].ID+"/restore", nil).ExpectStatus(t, http.StatusOK)
	// Purged, its name is free; a live record is not purged in one step.
	f.Admin.Delete("/roles/"+teacher[0].ID+"/purge").ExpectError(t, http.StatusNotFound, "rolesNotFound")
	f.Admin.Delete("/roles/"+teacher[0].ID).ExpectStatus(t, http.StatusOK)
	owner.Delete("/roles/"+teacher[0].ID+"/purge").ExpectStatus(t, http.StatusForbidden)
	f.Admin.Delete("/roles/"+teacher[0].ID+"/purge").ExpectStatus(t, http.StatusOK)
	f.Admin.Post("/roles", map[string]any{"data": map[string]any{"name": "teacher"}}).ExpectStatus(t, http.StatusOK)

	idn, newcomer := f.identity(t, "001")
	newcomer.Get("/campuses").ExpectStatus(t, http.StatusForbidden)
	owner.Post("/users", map[string]any{"data": map[string]any{"identityId": idn, "roleId": f.GlobalRole}}).ExpectStatus(t, http.StatusForbidden)
	owner.Post("/users", map[string]any{"data": map[string]any{"identityId": idn, "customPermissions": []string{"READ_ROLES"}}}).ExpectStatus(t, http.StatusForbidden)
	owner.Post("/users", map[string]any{"data": map[string]any{"identityId": idn, "customPermissions": []string{"READ_CAMPUSES"}}}).ExpectStatus(t, http.StatusOK)
	newcomer.Get("/campuses").ExpectStatus(t, http.StatusOK)
	newcomer.Post("/campuses", map[string]any{"data": map[string]any{"name": "x"}}).ExpectStatus(t, http.StatusForbidden)
	if n := f.count(t, "users", bson.D{{Key: "identityId", Value: idn}, {Key: "organizationId", Value: f.OrgA}}); n != 1 {
		t.Errorf("user not in the owner's organization: %d", n)
	}
}

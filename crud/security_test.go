package crud_test

import (
	"net/http"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestRestoreUserKeepsRevokedGrants: an organization's administrator
// without global access cannot restore a user record whose role (global
// access) or custom permissions it could not give; it restores the others.
func TestRestoreUserKeepsRevokedGrants(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.user(t, f.OrgA, f.OwnerRole)
	deletedUser := func(role string, custom ...string) string {
		idn, _ := f.identity(t, "001")
		perms := bson.A{}
		for _, p := range custom {
			perms = append(perms, p)
		}
		id := f.insert(t, "users", bson.D{{Key: "identityId", Value: idn}, {Key: "organizationId", Value: f.OrgA}, {Key: "roleId", Value: role}, {Key: "customPermissions", Value: perms}})
		f.Admin.Delete("/users/"+id).ExpectStatus(t, http.StatusOK)
		return id
	}
	global := deletedUser(f.GlobalRole)
	custom := deletedUser("", "READ_ROLES")
	reader := deletedUser(f.ReaderRole, "READ_CAMPUSES")
	owner.Post("/users/"+global+"/restore", nil).ExpectStatus(t, http.StatusForbidden)
	owner.Post("/users/"+custom+"/restore", nil).ExpectStatus(t, http.StatusForbidden)
	owner.Post("/users/"+reader+"/restore", nil).ExpectStatus(t, http.StatusOK)
	for id, want := range map[string]int64{global: 0, custom: 0, reader: 1} {
		if n := f.count(t, "users", bson.D{{Key: "id", Value: id}, {Key: "deletedAt", Value: nil}}); n != want {
			t.Errorf("user %s live: %d, want %d", id, n, want)
		}
	}
	// Outside the owner's organization: the route's 404, not the guard's 403.
	other := f.insert(t, "users", bson.D{{Key: "identityId", Value: "x"}, {Key: "organizationId", Value: f.OrgB}, {Key: "roleId", Value: f.GlobalRole}})
	f.Admin.Delete("/users/"+other).ExpectStatus(t, http.StatusOK)
	owner.Post("/users/"+other+"/restore", nil).ExpectError(t, http.StatusNotFound, "usersNotFound")
	f.Admin.Post("/users/"+global+"/restore", nil).ExpectStatus(t, http.StatusOK)
}

// TestUserRoleMustBeLive: a caller without global access cannot give a
// role that is deleted or does not exist (400 naming body.data.roleId),
// nor restore a user whose role, deleted, would give global access once
// restored.
func TestUserRoleMustBeLive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.user(t, f.OrgA, f.OwnerRole)
	// A deleted role with global access; an id no role has yet.
	dormant := f.insert(t, "roles", bson.D{{Key: "name", Value: "dormant"}, {Key: "permissions", Value: bson.A{}}, {Key: "globalAccess", Value: true}})
	f.Admin.Delete("/roles/"+dormant).ExpectStatus(t, http.StatusOK)
	future := "0b7f4a0e-3c1d-4e8b-9a55-2f6d1c0e9b11"
	idn, _ := f.identity(t, "001")
	for _, role := range []string{dormant, future} {
		res := owner.Post("/users", map[string]any{"data": map[string]any{"identityId": idn, "roleId": role}}).ExpectStatus(t, http.StatusBadRequest)
		if !bytesContains(res.Body, `"body.data.roleId"`) {
			t.Errorf("roleId %s: %s", role, res.Body)
		}
	}
	if n := f.count(t, "users", bson.D{{Key: "identityId", Value: idn}}); n != 0 {
		t.Errorf("user stored with a role that is not live: %d", n)
	}
	id := f.insert(t, "users", bson.D{{Key: "identityId", Value: idn}, {Key: "organizationId", Value: f.OrgA}, {Key: "roleId", Value: f.ReaderRole}})
	owner.Put("/users/"+id, map[string]any{"data": map[string]any{"roleId": dormant}}).ExpectStatus(t, http.StatusBadRequest)
	owner.Put("/users/"+id, map[string]any{"data": map[string]any{"roleId": f.ReaderRole}}).ExpectStatus(t, http.StatusOK)
	// A deleted user of the deleted global role: not restored by the owner.
	f.DB.Collection("users").UpdateOne(t.Context(), bson.D{{Key: "id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "roleId", Value: dormant}}}})
	f.Admin.Delete("/users/"+id).ExpectStatus(t, http.StatusOK)
	owner.Post("/users/"+id+"/restore", nil).ExpectStatus(t, http.StatusForbidden)
	f.Admin.Post("/roles/"+dormant+"/restore", nil).ExpectStatus(t, http.StatusOK)
	if n := f.count(t, "users", bson.D{{Key: "id", Value: id}, {Key: "deletedAt", Value: nil}}); n != 0 {
		t.Errorf("user of a global role restored by a tenant administrator")
	}
}

func bytesContains(b []byte, s string) bool { return strings.Contains(string(b), s) }

// TestImportIDOfAnotherTenant: a caller with global access importing
// into organization B a row whose id is a record of organization A gets
// a 400 for that line, not a 200 that stored nothing.
func TestImportIDOfAnotherTenant(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	inA := f.insert(t, "campuses", bson.D{{Key: "name", Value: "North"}, {Key: "organizationId", Value: f.OrgA}})
	body, ct := multipartCSV(t, "id,name\n"+inA+",North\n")
	res := f.Admin.Do(http.MethodPost, "/campuses/bulk-import?organizationId="+f.OrgB, body, ct).ExpectStatus(t, http.StatusBadRequest)
	if got, want := string(res.Body), `{"error":{"message":"Validation Error","data":[{"line":2,"location":"id","rule":"unique","message":"is already taken"}]}}`; got != want {
		t.Errorf("answer %s, want %s", got, want)
	}
	if n := f.count(t, "campuses", bson.D{{Key: "organizationId", Value: f.OrgB}}); n != 0 {
		t.Errorf("stored in B: %d", n)
	}
	// Into A, its own tenant, the row is there already: skipped.
	f.Admin.Do(http.MethodPost, "/campuses/bulk-import?organizationId="+f.OrgA, body, ct).ExpectStatus(t, http.StatusOK)
	if n := f.count(t, "campuses", bson.D{{Key: "id", Value: inA}}); n != 1 {
		t.Errorf("records of id %s: %d", inA, n)
	}
}

// TestRequireRoleIgnoresGlobalAccess: RequireRole passes a system
// administrator and the listed roles, not a role that only has global
// access (and the permission).
func TestRequireRoleIgnoresGlobalAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	auditor := f.insert(t, "roles", bson.D{{Key: "name", Value: "auditor"}, {Key: "permissions", Value: all("ORGANIZATIONS")}, {Key: "globalAccess", Value: true}})
	f.user(t, "", auditor).Delete("/organizations/"+f.OrgA).ExpectStatus(t, http.StatusForbidden)
	f.user(t, "", f.GlobalRole).Delete("/organizations/"+f.OrgA).ExpectStatus(t, http.StatusOK)
	f.Admin.Delete("/organizations/"+f.OrgB).ExpectStatus(t, http.StatusOK)
}

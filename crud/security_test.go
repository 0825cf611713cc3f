package crud_test

import (
	"net/http"
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

package routes_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestIdentityAdminRoutesAsAdmin(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	admin, adminID := e.admin()
	adaID := e.register("ada@example.com", "pw")
	e.register("bob@example.com", "pw")

	// List: paginated, no password, no _id.
	res := admin.Get("/identities?limit=2").ExpectStatus(t, http.StatusOK)
	body := string(res.Body)
	if strings.Contains(body, "password") || strings.Contains(body, "_id") || strings.Contains(body, "$2b$") {
		t.Errorf("list leaks secrets: %s", body)
	}
	var page struct {
		Data     []map[string]any `json:"data"`
		Metadata struct {
			Pagination map[string]any `json:"pagination"`
		} `json:"metadata"`
	}
	res.JSON(t, &page)
	if p := page.Metadata.Pagination; len(page.Data) != 2 || p["total"] != 3.0 || p["totalPages"] != 2.0 || p["hasNext"] != true || p["limit"] != 2.0 {
		t.Errorf("page %s", body)
	}
	admin.Get("/identities?limit=51").ExpectError(t, http.StatusBadRequest, "Validation Error")
	admin.Get("/identities?foo=1").ExpectError(t, http.StatusBadRequest, "Validation Error")

	// Get.
	got := admin.Get("/identities/"+adaID).ExpectStatus(t, http.StatusOK).Map()
	if got["id"] != adaID || got["email"] != "ada@example.com" || got["password"] != nil || got["_id"] != nil {
		t.Errorf("identity %v", got)
	}
	admin.Get("/identities/nobody").ExpectError(t, http.StatusNotFound, "Identity not found")

	// Patch: promote, validate, conflict.
	got = admin.Patch("/identities/"+adaID, map[string]any{"typeId": "100", "emailVerified": true}).ExpectStatus(t, http.StatusOK).Map()
	if got["typeId"] != "100" || got["emailVerified"] != true || got["password"] != nil || got["_id"] != nil {
		t.Errorf("patched %v", got)
	}
	if e.identity(adaID).Type() != "100" {
		t.Error("typeId not stored")
	}
	admin.Patch("/identities/"+adaID, map[string]any{}).ExpectError(t, http.StatusBadRequest, "Identity data is required")
	admin.Patch("/identities/"+adaID, map[string]any{"password": "x"}).ExpectError(t, http.StatusBadRequest, "Validation Error")
	admin.Patch("/identities/"+adaID, map[string]any{"email": "bob@example.com"}).ExpectError(t, http.StatusConflict, "Email is already in use")
	admin.Patch("/identities/nobody", map[string]any{"typeId": "001"}).ExpectError(t, http.StatusNotFound, "Identity not found")

	// The promoted identity is an admin now.
	ada := e.c.With(blockyardtest.WithBearer(e.login("ada@example.com", "pw").AccessToken))
	ada.Get("/identities/"+adminID).ExpectStatus(t, http.StatusOK)

	// Lock / unlock.
	admin.Post("/identities/"+adaID+"/lock", nil).ExpectStatus(t, http.StatusNoContent)
	e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	// Her access token is refused at once (the reference honoured it until
	// it expired), and accepted again after the unlock.
	ada.Get("/identities/"+adminID).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	admin.Post("/identities/"+adaID+"/unlock", nil).ExpectStatus(t, http.StatusNoContent)
	ada.Get("/identities/"+adminID).ExpectStatus(t, http.StatusOK)
	e.login("ada@example.com", "pw")
	admin.Post("/identities/nobody/lock", nil).ExpectError(t, http.StatusNotFound, "Identity not found")

	// Delete.
	admin.Delete("/identities/"+adaID).ExpectStatus(t, http.StatusNoContent)
	admin.Delete("/identities/"+adaID).ExpectError(t, http.StatusNotFound, "Identity not found")
	if n, _ := e.identities().CountDocuments(t.Context(), bson.D{bson.E{Key: "id", Value: adaID}}); n != 0 {
		t.Error("not deleted")
	}
	// A deleted caller: its token verifies but its identity is gone.
	res = ada.Get("/identities/"+adminID).ExpectError(t, http.StatusForbidden, "Failed to fetch identity")
	if got := string(res.Body); !strings.Contains(got, `"data":{"cause":{"statusCode":404,"name":"NodeblocksError","functionName":"getIdentityById"}}`) {
		t.Errorf("body %s", got)
	}
}

func TestIdentityAdminRoutesRefuseSelfAndOthers(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	_, adminID := e.admin()
	self, selfTk := e.user("ada@example.com")
	other, otherTk := e.user("bob@example.com")
	e.setType(otherTk.ID, nodeblocks.Settings.Of(e.svc).IdentityTypes.Regular)

	for _, req := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/identities", nil},
		{http.MethodGet, "/identities/" + selfTk.ID, nil},
		{http.MethodPatch, "/identities/" + selfTk.ID, map[string]any{"typeId": "100"}},
		{http.MethodDelete, "/identities/" + selfTk.ID, nil},
		{http.MethodPost, "/identities/" + selfTk.ID + "/lock", nil},
		{http.MethodPost, "/identities/" + selfTk.ID + "/unlock", nil},
		{http.MethodGet, "/identities/" + adminID, nil},
	} {
		// An identity without a type, even on its own document.
		self.Do(req.method, req.path, req.body).ExpectError(t, http.StatusForbidden, "Invalid identity type ID")
		// A regular identity.
		other.Do(req.method, req.path, req.body).ExpectError(t, http.StatusForbidden, "Identity is not authorized to access this resource")
		// Nobody: authentication comes first, before the schema.
		e.c.Do(req.method, req.path+"?bad=1", req.body).ExpectError(t, http.StatusUnauthorized, "token could not be verified")
	}
	if got := e.identity(selfTk.ID); got.Type() != "" {
		t.Errorf("self promoted itself: %+v", got)
	}
}

// Locking or deleting an identity ends its sessions: every live refresh
// token is revoked (refresh answers 401 "refresh token reuse detected"),
// and its access tokens are refused at once (the reference let them work
// until they expired), by the token check too.
func TestLockAndDeleteEndTheIdentitysSessions(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	admin, _ := e.admin()
	_, ada := e.user("ada@example.com")
	adaOther := e.login("ada@example.com", "user-password")
	_, bob := e.user("bob@example.com")
	live := func(id string) int64 {
		t.Helper()
		n, err := e.refreshTokens().CountDocuments(t.Context(), bson.D{bson.E{Key: "id", Value: id}, bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: false}}}})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	refresh := func(tk string) *blockyardtest.Response {
		t.Helper()
		return e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk})
	}

	e.advance(time.Minute)
	admin.Post("/identities/"+ada.ID+"/lock", nil).ExpectStatus(t, http.StatusNoContent)
	if n := live(ada.ID); n != 0 {
		t.Fatalf("%d live refresh tokens after lock", n)
	}
	for _, tk := range []authTokens{ada, adaOther} {
		refresh(tk.RefreshToken).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
	}
	if row := e.refreshRow(bson.D{bson.E{Key: "id", Value: ada.ID}}); row.DeletedAt != "2026-11-21T23:37:54.956Z" || row.UpdatedAt != row.DeletedAt {
		t.Errorf("revoked row %+v", row)
	}
	// The access token is refused; bob's session is untouched.
	e.c.Post("/auth/token/check", map[string]string{"token": ada.AccessToken}).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	e.c.Post("/auth/logout", map[string]string{"refreshToken": "x"}, blockyardtest.WithBearer(ada.AccessToken)).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	e.c.Post("/auth/token/check", map[string]string{"token": bob.AccessToken}).ExpectStatus(t, http.StatusOK)
	var bobNext authTokens
	refresh(bob.RefreshToken).ExpectStatus(t, http.StatusOK).JSON(t, &bobNext)
	admin.Post("/identities/nobody/lock", nil).ExpectError(t, http.StatusNotFound, "Identity not found")

	// After unlock a new login works; delete ends that session too.
	admin.Post("/identities/"+ada.ID+"/unlock", nil).ExpectStatus(t, http.StatusNoContent)
	fresh := e.login("ada@example.com", "user-password")
	var next authTokens
	refresh(fresh.RefreshToken).ExpectStatus(t, http.StatusOK).JSON(t, &next)
	admin.Delete("/identities/"+ada.ID).ExpectStatus(t, http.StatusNoContent)
	if n := live(ada.ID); n != 0 {
		t.Fatalf("%d live refresh tokens after delete", n)
	}
	refresh(next.RefreshToken).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
	e.c.Post("/auth/token/check", map[string]string{"token": next.AccessToken}).ExpectError(t, http.StatusUnauthorized, "Token failed validation")
	admin.Delete("/identities/"+ada.ID).ExpectError(t, http.StatusNotFound, "Identity not found")
	if n := live(bob.ID); n != 1 {
		t.Errorf("bob has %d live refresh tokens, want 1", n)
	}
	refresh(bobNext.RefreshToken).ExpectStatus(t, http.StatusOK)
}

package features_test

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// matrixAccess is who gets through a route's validators.
type matrixAccess struct {
	// public: the route has no validators; the Authorization header is
	// not looked at, so every actor gets the same answer.
	public bool
	// pass are the actors the validators let through. Every other actor
	// with a token gets the first failing check's error (see matrixExpect).
	pass []actorKind
}

// Who passes, by the routes' validators (spec: organizations.md §3,
// identity-and-auth.md §4, §7.2).
var (
	mayAnyone = matrixAccess{public: true}
	// IsAuthenticated alone: any user (an app token too, see the row).
	mayAnyUser = matrixAccess{pass: []actorKind{actOutsider, actMember, actOrgAdmin, actOwner, actOtherOwner, actSysAdmin}}
	// IsAuthenticated, checkIdentityType(admin).
	maySysAdmin = matrixAccess{pass: []actorKind{actSysAdmin}}
	// IsAuthenticated, some(admin, hasOrgRole(...)) on organization A.
	mayAdminOrAnyRole  = matrixAccess{pass: []actorKind{actSysAdmin, actOwner, actOrgAdmin, actMember}}
	mayAdminOrOrgAdmin = matrixAccess{pass: []actorKind{actSysAdmin, actOwner, actOrgAdmin}}
	mayAdminOrOwner    = matrixAccess{pass: []actorKind{actSysAdmin, actOwner}}
	mayAdminOrMember   = matrixAccess{pass: []actorKind{actSysAdmin, actMember}} // isSelf / ownsProfile: the member
)

// matrixCall is one request of a cell.
type matrixCall struct {
	method, path string
	body         any
}

// matrixWant is the answer a cell expects: the status and, for errors, the
// message ("" for a success). cause asks for the deleted identity's
// data.cause {statusCode 404, functionName getIdentityById}.
type matrixWant struct {
	status int
	msg    string
	cause  bool
}

// matrixRow is one mounted route: who passes, the success status, and a
// valid request for those who pass (so that a 2xx is a real success and a
// refusal the validators'). fresh, when set, makes what a successful cell
// consumes (an organization to delete, a refresh token to rotate, ...): a
// cell gets it as subject, and the next cell gets a new one once a cell
// succeeded.
type matrixRow struct {
	route  string // "METHOD /path" as mounted
	access matrixAccess
	ok     int
	except map[actorKind]matrixWant // answers that differ from the rule (see matrixExpect)
	fresh  func(*matrix, *testing.T) string
	req    func(t *testing.T, m *matrix, a *matrixActor, subject string) matrixCall
	// okMsg is the error message when ok is not a success (register).
	okMsg string
}

// matrixRows has one row per route examples/server mounts.
func matrixRows() []matrixRow {
	org := func(m *matrix) string { return "/organizations/" + m.orgA }
	get := func(path func(m *matrix) string) func(*testing.T, *matrix, *matrixActor, string) matrixCall {
		return func(_ *testing.T, m *matrix, _ *matrixActor, _ string) matrixCall {
			return matrixCall{"GET", path(m), nil}
		}
	}
	call := func(method string, path func(m *matrix, subject string) string, body any) func(*testing.T, *matrix, *matrixActor, string) matrixCall {
		return func(_ *testing.T, m *matrix, _ *matrixActor, s string) matrixCall {
			return matrixCall{method, path(m, s), body}
		}
	}
	return []matrixRow{
		// Authentication (no validators but logout).
		// A public route answers every actor alike, whatever the header. The
		// probe registers a taken e-mail, answered by the handler past the
		// schema: a success would hash a password at bcrypt cost 10, seconds
		// per cell under the race detector (routes TestRegister* cover 201).
		{route: "POST /auth/register", access: mayAnyone, ok: http.StatusUnprocessableEntity, okMsg: `unable to register "matrix-login@example.com"`,
			req: func(_ *testing.T, m *matrix, _ *matrixActor, _ string) matrixCall {
				return matrixCall{"POST", "/auth/register", map[string]string{"email": m.loginEmail, "password": "pw-123456"}}
			}},
		{route: "POST /auth/login", access: mayAnyone, ok: http.StatusOK,
			req: func(_ *testing.T, m *matrix, _ *matrixActor, _ string) matrixCall {
				return matrixCall{"POST", "/auth/login", map[string]string{"email": m.loginEmail, "password": m.loginPassword}}
			}},
		{route: "POST /auth/logout", access: mayAnyUser, ok: http.StatusNoContent,
			// An app token authenticates but owns no refresh token.
			except: map[actorKind]matrixWant{actApp: {http.StatusUnauthorized, "refresh token identity mismatch", false}},
			req: func(t *testing.T, m *matrix, a *matrixActor, _ string) matrixCall {
				id := a.id
				if id == "" {
					id = m.by[actSysAdmin].id
				}
				return matrixCall{"POST", "/auth/logout", map[string]string{"refreshToken": m.session(t, id, time.Now()).RefreshToken}}
			}},
		{route: "POST /auth/token/refresh", access: mayAnyone, ok: http.StatusOK, fresh: (*matrix).freshRefreshToken,
			// The refresh token is bound to the matrix client.
			except: map[actorKind]matrixWant{actOtherUA: {http.StatusUnprocessableEntity, "Token was not found", false}},
			req: func(_ *testing.T, _ *matrix, _ *matrixActor, s string) matrixCall {
				return matrixCall{"POST", "/auth/token/refresh", map[string]string{"refreshToken": s}}
			}},
		{route: "POST /auth/token/check", access: mayAnyone, ok: http.StatusOK,
			except: map[actorKind]matrixWant{actOtherUA: {http.StatusBadRequest, "Access token failed checks", false}},
			req: func(_ *testing.T, m *matrix, _ *matrixActor, _ string) matrixCall {
				return matrixCall{"POST", "/auth/token/check", map[string]string{"token": m.loginAccess}}
			}},

		// Identity administration.
		{route: "GET /identities", access: maySysAdmin, ok: http.StatusOK, req: get(func(*matrix) string { return "/identities" })},
		{route: "GET /identities/{identityId}", access: maySysAdmin, ok: http.StatusOK, req: get(func(m *matrix) string { return "/identities/" + m.subject })},
		{route: "PATCH /identities/{identityId}", access: maySysAdmin, ok: http.StatusOK,
			req: call("PATCH", func(m *matrix, _ string) string { return "/identities/" + m.subject }, map[string]any{"emailVerified": true})},
		{route: "DELETE /identities/{identityId}", access: maySysAdmin, ok: http.StatusNoContent, fresh: (*matrix).freshIdentity,
			req: call("DELETE", func(_ *matrix, s string) string { return "/identities/" + s }, nil)},
		{route: "POST /identities/{identityId}/lock", access: maySysAdmin, ok: http.StatusNoContent,
			req: call("POST", func(m *matrix, _ string) string { return "/identities/" + m.subject + "/lock" }, nil)},
		{route: "POST /identities/{identityId}/unlock", access: maySysAdmin, ok: http.StatusNoContent,
			req: call("POST", func(m *matrix, _ string) string { return "/identities/" + m.subject + "/unlock" }, nil)},

		// Organizations, in the reference's registration order.
		{route: "POST /organizations", access: maySysAdmin, ok: http.StatusOK,
			req: call("POST", func(*matrix, string) string { return "/organizations" }, map[string]any{
				"organization": map[string]any{"name": "matrix-created", "description": "d", "contact_email": "c@example.com"},
				"ownerId":      "matrix-created-owner",
			})},
		{route: "GET /organizations/{organizationId}", access: mayAdminOrAnyRole, ok: http.StatusOK, req: get(org)},
		{route: "GET /organizations", access: maySysAdmin, ok: http.StatusOK, req: get(func(*matrix) string { return "/organizations" })},
		{route: "PATCH /organizations/{organizationId}", access: mayAdminOrOwner, ok: http.StatusOK,
			req: call("PATCH", func(m *matrix, _ string) string { return org(m) }, map[string]any{"contact_phone": "000"})},
		{route: "DELETE /organizations/{organizationId}", access: mayAdminOrOwner, ok: http.StatusNoContent, fresh: (*matrix).freshOrgA,
			req: call("DELETE", func(_ *matrix, s string) string { return "/organizations/" + s }, nil)},
		{route: "GET /organizations/{organizationId}/members/{identityId}/role", access: mayAdminOrOrgAdmin, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/members/" + m.by[actMember].id + "/role" })},
		{route: "GET /organizations/{organizationId}/members/check-existence", access: mayAdminOrOrgAdmin, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/members/check-existence?identityId=" + m.by[actMember].id })},
		{route: "GET /organizations/{organizationId}/members", access: mayAdminOrOrgAdmin, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/members" })},
		{route: "GET /organizations/members/{identityId}", access: mayAdminOrMember, ok: http.StatusOK,
			req: get(func(m *matrix) string { return "/organizations/members/" + m.by[actMember].id })},
		{route: "PATCH /organizations/{organizationId}/members", access: mayAdminOrOrgAdmin, ok: http.StatusNoContent,
			req: call("PATCH", func(m *matrix, _ string) string { return org(m) + "/members" }, []map[string]string{{"identityId": "matrix-newcomer", "role": "member"}})},
		{route: "DELETE /organizations/{organizationId}/members/{identityId}", access: mayAdminOrOrgAdmin, ok: http.StatusNoContent, fresh: (*matrix).freshOrgA,
			req: func(_ *testing.T, m *matrix, _ *matrixActor, s string) matrixCall {
				return matrixCall{"DELETE", "/organizations/" + s + "/members/" + m.by[actMember].id, nil}
			}},
		{route: "GET /organizations/{organizationId}/descendants", access: mayAdminOrOrgAdmin, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/descendants" })},
		{route: "GET /organizations/{organizationId}/logo-upload-url", access: mayAdminOrOwner, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/logo-upload-url?contentType=image/png&contentLength=100" })},
		{route: "POST /organizations/{organizationId}/change-requests", access: mayAdminOrOwner, ok: http.StatusNoContent,
			req: call("POST", func(m *matrix, _ string) string { return org(m) + "/change-requests" }, map[string]any{"addressLine2": "matrix-change"})},
		{route: "GET /organizations/{organizationId}/certificate-upload-url", access: mayAdminOrOwner, ok: http.StatusOK,
			req: get(func(m *matrix) string {
				return org(m) + "/certificate-upload-url?contentType=application/pdf&contentLength=100"
			})},
		{route: "PATCH /admin/organizations/{organizationId}/", access: maySysAdmin, ok: http.StatusOK,
			req: call("PATCH", func(m *matrix, _ string) string { return "/admin" + org(m) }, map[string]any{"branchName": "matrix-branch"})},
		{route: "GET /organizations/{organizationId}/followers", access: mayAdminOrOwner, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/followers" })},
		{route: "GET /organizations/{organizationId}/change-requests", access: mayAdminOrOwner, ok: http.StatusOK,
			req: get(func(m *matrix) string { return org(m) + "/change-requests" })},

		// Profiles (of the member).
		{route: "POST /profiles", access: mayAdminOrMember, ok: http.StatusOK,
			req: func(_ *testing.T, m *matrix, _ *matrixActor, _ string) matrixCall {
				return matrixCall{"POST", "/profiles", map[string]string{"identityId": m.by[actMember].id, "name": "matrix-new-profile"}}
			}},
		{route: "GET /profiles/{profileId}", access: mayAdminOrMember, ok: http.StatusOK,
			req: get(func(m *matrix) string { return "/profiles/" + m.profileP })},
		{route: "PUT /profiles/{profileId}/organization-follows/{followOrganizationId}", access: mayAdminOrMember, ok: http.StatusNoContent, fresh: (*matrix).freshProfile,
			req: call("PUT", func(m *matrix, s string) string { return "/profiles/" + s + "/organization-follows/" + m.orgA }, nil)},
		{route: "DELETE /profiles/{profileId}/organization-follows/{followOrganizationId}", access: mayAdminOrMember, ok: http.StatusNoContent, fresh: (*matrix).freshFollowingProfile,
			req: call("DELETE", func(m *matrix, s string) string { return "/profiles/" + s + "/organization-follows/" + m.orgA }, nil)},
	}
}

// matrixExpect is the answer of a cell, from the route's validators:
//
//   - a public route answers every actor alike (the header is not read);
//   - otherwise the token is verified first: none, expired, tampered or
//     forged → 401 "token could not be verified"; a refresh token → 401
//     "Token is not valid access token"; another IP and User-Agent → 401
//     "Token fails security check";
//   - a locked identity → 401 "This account is locked", a deleted one → 403
//     "Failed to fetch identity" (cause 404 getIdentityById), on every route
//     that authenticates (issue 9; app tokens are not affected);
//   - the actors the route lets through get its success status;
//   - the others get the first alternative's error, the admin-type check's:
//     401 "Invalid token" for an app token, 403 "Invalid identity type ID"
//     for an identity without a type (as register leaves it), 403
//     "Identity is not authorized to access this resource" otherwise.
func matrixExpect(row *matrixRow, a *matrixActor) matrixWant {
	if w, ok := row.except[a.kind]; ok {
		return w
	}
	if row.access.public {
		return matrixWant{status: row.ok, msg: row.okMsg}
	}
	switch a.kind {
	case actNone, actExpired, actTampered, actForged:
		return matrixWant{http.StatusUnauthorized, unverifiedMsg, false}
	case actRefresh:
		return matrixWant{http.StatusUnauthorized, "Token is not valid access token", false}
	case actOtherUA:
		return matrixWant{http.StatusUnauthorized, "Token fails security check", false}
	case actLocked:
		return matrixWant{http.StatusUnauthorized, "This account is locked", false}
	case actDeleted:
		return matrixWant{http.StatusForbidden, "Failed to fetch identity", true}
	}
	switch {
	case slices.Contains(row.access.pass, a.kind):
		return matrixWant{status: row.ok}
	case a.kind == actApp:
		return matrixWant{http.StatusUnauthorized, "Invalid token", false}
	case a.kind == actOutsider:
		return matrixWant{http.StatusForbidden, noTypeMsg, false}
	}
	return matrixWant{http.StatusForbidden, notAdminMsg, false}
}

// TestAuthorizationMatrix sends every route examples/server mounts a valid
// request as each actor (no token, expired, tampered, forged, a refresh
// token, an app token, a stolen token from another client, an outsider,
// member, org admin and owner of organization A, the owner of
// organization B, a system admin, a locked and a deleted identity) and
// checks: no 2xx where the validators forbid it, the exact status and
// error message, and no data of an organization the actor has no right to
// see in any answer. A mounted route without a row, or a row for a route
// that is not mounted, fails the test.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	m := newMatrix(t)
	rows := matrixRows()

	// The table must be the mounted route table.
	byRoute := map[string]*matrixRow{}
	for i := range rows {
		if byRoute[rows[i].route] != nil {
			t.Errorf("two rows for %s", rows[i].route)
		}
		byRoute[rows[i].route] = &rows[i]
	}
	mounted := map[string]bool{}
	for _, ri := range m.router.Routes() {
		key := ri.Method + " " + ri.Path
		mounted[key] = true
		if byRoute[key] == nil {
			t.Errorf("route %s (%s) is mounted but has no row in the authorization matrix: add its expectations to matrixRows", key, ri.Name)
		}
	}
	for key := range byRoute {
		if !mounted[key] {
			t.Errorf("the authorization matrix has a row for %s, which is not mounted", key)
		}
	}

	for _, ri := range m.router.Routes() {
		row := byRoute[ri.Method+" "+ri.Path]
		if row == nil {
			continue
		}
		t.Run(ri.Name, func(t *testing.T) {
			subject := ""
			for _, a := range m.actors {
				if row.fresh != nil && subject == "" {
					subject = row.fresh(m, t)
				}
				t.Run(a.name, func(t *testing.T) {
					c := row.req(t, m, a, subject)
					res := m.client(a).Do(c.method, c.path, c.body)
					if row.fresh != nil && res.Status/100 == 2 {
						subject = "" // consumed
					}
					checkMatrixCell(t, m, a, matrixExpect(row, a), res.Status, res.Body)
				})
			}
		})
	}
}

// checkMatrixCell checks one answer against w and scans it for other
// organizations' data.
func checkMatrixCell(t *testing.T, m *matrix, a *matrixActor, w matrixWant, status int, body []byte) {
	t.Helper()
	if status/100 == 2 && w.status/100 != 2 {
		t.Errorf("FORBIDDEN SUCCESS: answered %d, the validators forbid it (want %d %q)\nbody: %.2000s", status, w.status, w.msg, body)
	} else if status != w.status {
		t.Errorf("status %d, want %d %q\nbody: %.2000s", status, w.status, w.msg, body)
	}
	if status == w.status && w.msg != "" {
		var env struct {
			Error struct {
				Message string
				Data    json.RawMessage
			}
		}
		if err := json.Unmarshal(body, &env); err != nil {
			t.Errorf("error body is not an envelope: %v\nbody: %s", err, body)
		}
		if env.Error.Message != w.msg {
			t.Errorf("message %q, want %q\nbody: %s", env.Error.Message, w.msg, body)
		}
		if w.cause {
			var data struct {
				Cause struct {
					StatusCode   int
					FunctionName string
				}
			}
			_ = json.Unmarshal(env.Error.Data, &data)
			if c := data.Cause; c.StatusCode != http.StatusNotFound || c.FunctionName != "getIdentityById" {
				t.Errorf("data.cause %+v, want statusCode 404, functionName getIdentityById\nbody: %s", c, body)
			}
		}
	}
	if l := m.leaks(a, body); len(l) > 0 {
		t.Errorf("LEAK: the answer (%d) carries data of organizations %s may not see: %q\nbody: %.2000s", status, a.name, l, body)
	}
}

// TestAuthorizationMatrixMountsWhatTheServerMounts keeps the matrix's
// route table that of examples/server: its main.go must mount exactly
// matrixFeatures.
func TestAuthorizationMatrixMountsWhatTheServerMounts(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../examples/server/main.go")
	if err != nil {
		t.Fatal(err)
	}
	got := regexp.MustCompile(`app\.Features\((.*)\)\n`).FindAllSubmatch(src, -1)
	if len(got) != 1 || strings.TrimSpace(string(got[0][1])) != matrixFeaturesSource {
		t.Fatalf("examples/server mounts %q, the authorization matrix mounts %q: update matrixFeatures and matrixFeaturesSource", got, matrixFeaturesSource)
	}
}

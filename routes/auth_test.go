package routes_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestRegisterAnswers201WithAnEmptyBody(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	res := e.c.Post("/auth/register", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectStatus(t, http.StatusCreated)
	if len(res.Body) != 0 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("body %q, content type %q", res.Body, res.Header.Get("Content-Type"))
	}
	var stored bson.M
	if err := e.identities().FindOne(t.Context(), bson.D{bson.E{Key: "email", Value: "ada@example.com"}}).Decode(&stored); err != nil {
		t.Fatal(err)
	}
	if _, ok := stored["typeId"]; ok || stored["locked"] != false {
		t.Errorf("stored %v", stored)
	}

	e.c.Post("/auth/register", map[string]string{"email": "ada@example.com", "password": "other"}).
		ExpectError(t, http.StatusUnprocessableEntity, `unable to register "ada@example.com"`)

	// Register cannot choose a type.
	res = e.c.Post("/auth/register", map[string]string{"email": "eve@example.com", "password": "pw", "typeId": "100"}).
		ExpectError(t, http.StatusBadRequest, "Validation Error")
	if got := string(res.Body); !strings.Contains(got, "must NOT have additional properties") {
		t.Errorf("body %s", got)
	}
	e.c.Post("/auth/register", map[string]string{"email": "eve@example.com"}).ExpectError(t, http.StatusBadRequest, "Validation Error")
	if n, _ := e.identities().CountDocuments(t.Context(), bson.D{bson.E{Key: "email", Value: "eve@example.com"}}); n != 0 {
		t.Errorf("eve registered %d times", n)
	}
}

func TestLoginIssuesBoundTokens(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	id := e.register("ada@example.com", "pw")
	res := e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw", "fingerprint": "device-1"},
		blockyardtest.WithHeader("User-Agent", "agent/1"), blockyardtest.WithRemoteAddr("203.0.113.5:4444")).ExpectStatus(t, http.StatusOK)
	var keys []string
	dec := json.NewDecoder(strings.NewReader(string(res.Body)))
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var v any
		dec.Decode(&v)
	}
	if strings.Join(keys, ",") != "accessToken,id,refreshToken" {
		t.Errorf("keys %v", keys)
	}
	var tk authTokens
	res.JSON(t, &tk)
	codec := blocks.CodecFor(authTestSecrets)
	c, err := codec.Verify(tk.AccessToken, e.clock())
	if err != nil || tk.ID != id || c.IdentityID != id || c.Fingerprint != "device-1" || c.IP != "203.0.113.5" || c.UserAgent != "agent/1" || c.Domain != "example.com" || c.ExpiresAt-c.IssuedAt != 900 {
		t.Fatalf("claims %+v, %v", c, err)
	}
	rc, err := codec.Verify(tk.RefreshToken, e.clock())
	if err != nil || rc.Type != token.TypeRefresh || rc.ExpiresAt-rc.IssuedAt != 2*24*3600 {
		t.Fatalf("refresh claims %+v, %v", rc, err)
	}
	row := e.refreshRow(bson.D{bson.E{Key: "jti", Value: rc.JTI}})
	tv := row.TokenVerification
	if row.IdentityID != id || tv.Fingerprint == nil || *tv.Fingerprint != "device-1" || tv.IP != "203.0.113.5" || tv.UserAgent != "agent/1" || tv.Domain != "example.com" {
		t.Errorf("row %+v", row)
	}

	e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "nope"}).ExpectError(t, http.StatusUnauthorized, "wrong credentials provided")
	e.c.Post("/auth/login", map[string]string{"email": "bob@example.com", "password": "pw"}).ExpectError(t, http.StatusUnauthorized, "wrong credentials provided")
	e.c.Post("/auth/login", map[string]string{"email": "ada@example.com"}).ExpectError(t, http.StatusBadRequest, "Validation Error")
}

func TestLoginLockoutAndItsReset(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	id := e.register("ada@example.com", "pw")
	wrong := func() {
		t.Helper()
		e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "nope"}).ExpectError(t, http.StatusUnauthorized, "wrong credentials provided")
	}
	for range 4 {
		wrong()
	}
	if got := e.identity(id); got.Attempts != 4 || got.Locked {
		t.Fatalf("after 4 failures: %+v", got)
	}
	e.login("ada@example.com", "pw") // resets the counter
	if got := e.identity(id); got.Attempts != 0 || got.Locked {
		t.Fatalf("after success: %+v", got)
	}
	for range 4 {
		wrong()
	}
	if e.identity(id).Locked {
		t.Fatal("locked after 4 failures following a reset")
	}
	wrong()
	if got := e.identity(id); got.Attempts != 5 || !got.Locked {
		t.Fatalf("after the 5th failure: %+v", got)
	}
	e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	if strings.Count(e.logs.String(), "identity locked after too many failed logins") != 1 {
		t.Errorf("lockout not logged exactly once:\n%s", e.logs.String())
	}

	admin, _ := e.admin()
	admin.Post("/identities/"+id+"/unlock", nil).ExpectStatus(t, http.StatusNoContent)
	e.login("ada@example.com", "pw")
}

func TestLoginConfiguredMaxAttempts(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t, func(c *nodeblocks.Config) { c.MaxFailedLoginAttempts = 2 })
	id := e.register("ada@example.com", "pw")
	for range 2 {
		e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "nope"}).ExpectStatus(t, http.StatusUnauthorized)
	}
	if !e.identity(id).Locked {
		t.Fatal("not locked after MaxFailedLoginAttempts")
	}
}

// 50 wrong-password logins at once: every failure is counted ($inc) and
// the identity is locked by exactly one of them (the lock update is
// guarded by locked ≠ true), hence exactly one lockout log line.
func TestConcurrentWrongPasswordsLockOnce(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	id := e.register("ada@example.com", "pw")
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			res := e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "nope"})
			if res.Status != http.StatusUnauthorized || !strings.Contains(string(res.Body), "wrong credentials provided") {
				t.Errorf("status %d body %s", res.Status, res.Body)
			}
		})
	}
	wg.Wait()
	got := e.identity(id)
	lockouts := strings.Count(e.logs.String(), "identity locked after too many failed logins")
	if !got.Locked || got.Attempts != 50 || lockouts != 1 {
		t.Fatalf("attempts %d (want 50), locked %v, lockouts %d (want 1)", got.Attempts, got.Locked, lockouts)
	}
	e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectError(t, http.StatusUnauthorized, "This account is locked")
}

// The rows of §3.5 on a route guarded by IsAuthenticated (logout).
func TestAccessTokenVerification(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	_, tk := e.user("ada@example.com")
	body := map[string]string{"refreshToken": "x"}
	logout := func(opts ...blockyardtest.RequestOption) *blockyardtest.Response {
		t.Helper()
		return e.c.Post("/auth/logout", body, opts...)
	}
	logout().ExpectError(t, http.StatusUnauthorized, "token could not be verified")
	logout(blockyardtest.WithHeader("Authorization", "Basic abc")).ExpectError(t, http.StatusUnprocessableEntity, "Incorrect authorization of token header")
	logout(blockyardtest.WithHeader("Authorization", "Bearer a b")).ExpectError(t, http.StatusUnprocessableEntity, "Incorrect authorization of token header")
	logout(blockyardtest.WithBearer("garbage")).ExpectError(t, http.StatusUnauthorized, "token could not be verified")
	logout(blockyardtest.WithBearer(tk.RefreshToken)).ExpectError(t, http.StatusUnauthorized, "Token is not valid access token")
	logout(blockyardtest.WithBearer(tk.AccessToken), blockyardtest.WithHeader("x-nb-fingerprint", "other")).ExpectError(t, http.StatusUnauthorized, "Token fails security check")
	// Same User-Agent from another IP, or another User-Agent from the same IP: accepted.
	logout(blockyardtest.WithBearer(tk.AccessToken), blockyardtest.WithRemoteAddr("198.51.100.1:1")).ExpectStatus(t, http.StatusNoContent)
	logout(blockyardtest.WithBearer(tk.AccessToken), blockyardtest.WithHeader("User-Agent", "other")).ExpectStatus(t, http.StatusNoContent)
	logout(blockyardtest.WithBearer(tk.AccessToken), blockyardtest.WithHeader("User-Agent", "other"), blockyardtest.WithRemoteAddr("198.51.100.1:1")).
		ExpectError(t, http.StatusUnauthorized, "Token fails security check")
	// Expired: the token's exp second has come.
	e.advance(15*time.Minute - time.Second)
	logout(blockyardtest.WithBearer(tk.AccessToken)).ExpectStatus(t, http.StatusNoContent)
	e.advance(time.Second)
	logout(blockyardtest.WithBearer(tk.AccessToken)).ExpectError(t, http.StatusUnauthorized, "token could not be verified")
}

func TestIgnoreIPAcceptsAnotherIPAndUserAgent(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t, func(c *nodeblocks.Config) { c.IgnoreIP = true })
	_, tk := e.user("ada@example.com")
	e.c.Post("/auth/logout", map[string]string{"refreshToken": "x"}, blockyardtest.WithBearer(tk.AccessToken),
		blockyardtest.WithHeader("User-Agent", "other"), blockyardtest.WithRemoteAddr("198.51.100.1:1")).ExpectStatus(t, http.StatusNoContent)
}

func TestAppTokenOnAUserRoute(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	app, err := blocks.CodecFor(authTestSecrets).Issue(token.NewAppAccess("app-1").Stamp(e.clock(), time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// IsAuthenticated accepts it; the identity validator does not.
	e.c.Get("/identities", blockyardtest.WithBearer(app)).ExpectError(t, http.StatusUnauthorized, "Invalid token")
	e.c.Post("/auth/logout", map[string]string{"refreshToken": "x"}, blockyardtest.WithBearer(app)).ExpectStatus(t, http.StatusNoContent)
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	_, tk := e.user("ada@example.com")

	e.advance(time.Minute)
	var next authTokens
	res := e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}, blockyardtest.WithHeader("x-nb-fingerprint", "")).
		ExpectStatus(t, http.StatusOK)
	res.JSON(t, &next)
	if next.AccessToken == "" || next.RefreshToken == "" || next.ID != "" || next.RefreshToken == tk.RefreshToken {
		t.Fatalf("refresh answer %s", res.Body)
	}
	codec := blocks.CodecFor(authTestSecrets)
	old, _ := codec.Verify(tk.RefreshToken, e.clock())
	if row := e.refreshRow(bson.D{bson.E{Key: "jti", Value: old.JTI}}); row.DeletedAt != "2026-11-21T23:37:54.956Z" {
		t.Errorf("old row %+v", row)
	}
	nc, _ := codec.Verify(next.RefreshToken, e.clock())
	row := e.refreshRow(bson.D{bson.E{Key: "jti", Value: nc.JTI}})
	if fp := row.TokenVerification.Fingerprint; row.DeletedAt != "" || fp == nil || *fp != "" || row.TokenVerification.Domain != "example.com" {
		t.Errorf("new row %+v", row)
	}
	e.c.Get("/identities", blockyardtest.WithBearer(next.AccessToken)).ExpectError(t, http.StatusForbidden, "Invalid identity type ID")

	// The old token again: reuse.
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")

	// Logout revokes the new one; refreshing with it is then reuse too.
	e.c.Post("/auth/logout", map[string]string{"refreshToken": next.RefreshToken}, blockyardtest.WithBearer(next.AccessToken)).ExpectStatus(t, http.StatusNoContent)
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": next.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")

	// Nothing usable: 422.
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": "junk"}).ExpectError(t, http.StatusUnprocessableEntity, "Token was not found")
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": next.AccessToken}).ExpectError(t, http.StatusUnprocessableEntity, "Token was not found")
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": next.RefreshToken}, blockyardtest.WithHeader("x-nb-fingerprint", "other")).
		ExpectError(t, http.StatusUnprocessableEntity, "Token was not found")
	// A refresh token whose row is gone.
	orphan, _ := codec.Issue(token.NewRefresh(tk.ID, blocks.Origin{IP: "192.0.2.1"}, "example.com").Stamp(e.clock(), time.Hour))
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": orphan}).ExpectError(t, http.StatusUnauthorized, "Old refresh token is invalid")
	// Bearer mode requires the body field.
	res = e.c.Post("/auth/token/refresh", map[string]string{}).ExpectError(t, http.StatusBadRequest, "Validation Error")
	if !strings.Contains(string(res.Body), "request body must have required property 'refreshToken'") {
		t.Errorf("body %s", res.Body)
	}
	// Expired refresh token.
	e.advance(48 * time.Hour)
	_, fresh := e.user("bob@example.com")
	e.advance(48 * time.Hour)
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": fresh.RefreshToken}).ExpectError(t, http.StatusUnprocessableEntity, "Token was not found")
}

func TestLogoutRevokesOnlyTheCallersRefreshToken(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	ada, adaTk := e.user("ada@example.com")
	_, bobTk := e.user("bob@example.com")

	ada.Post("/auth/logout", map[string]string{"refreshToken": bobTk.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "refresh token identity mismatch")
	res := ada.Post("/auth/logout", map[string]string{"refreshToken": "junk"}).ExpectStatus(t, http.StatusNoContent)
	if got := strings.Join(res.Header.Values("Set-Cookie"), "\n"); !strings.Contains(got, "accessToken=;") || !strings.Contains(got, "refreshToken=;") || !strings.Contains(got, "Expires=Thu, 01 Jan 1970 00:00:00 GMT") {
		t.Errorf("cookies not cleared: %s", got)
	}
	if n, _ := e.refreshTokens().CountDocuments(t.Context(), bson.D{bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: true}}}}); n != 0 {
		t.Fatalf("%d rows revoked by an invalid token", n)
	}
	ada.Post("/auth/logout", map[string]string{"refreshToken": adaTk.RefreshToken}).ExpectStatus(t, http.StatusNoContent)
	if row := e.refreshRow(bson.D{bson.E{Key: "id", Value: adaTk.ID}}); row.DeletedAt == "" {
		t.Errorf("not revoked: %+v", row)
	}
	ada.Post("/auth/logout", map[string]string{"refreshToken": adaTk.RefreshToken}).ExpectStatus(t, http.StatusNoContent)
	// The access token itself stays valid until it expires.
	e.c.Post("/auth/token/check", map[string]string{"token": adaTk.AccessToken}).ExpectStatus(t, http.StatusOK)
	ada.Post("/auth/logout", map[string]string{}).ExpectError(t, http.StatusBadRequest, "Validation Error")
}

func TestCheckToken(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	_, tk := e.user("ada@example.com")
	check := func(body map[string]string, opts ...blockyardtest.RequestOption) *blockyardtest.Response {
		t.Helper()
		return e.c.Post("/auth/token/check", body, opts...)
	}
	if got := string(check(map[string]string{"token": tk.AccessToken}).ExpectStatus(t, http.StatusOK).Body); got != `{"identityId":"`+tk.ID+`"}` {
		t.Errorf("body %s", got)
	}
	check(map[string]string{"token": tk.AccessToken}, blockyardtest.WithHeader("x-nb-fingerprint", "x")).ExpectError(t, http.StatusBadRequest, "Access token failed checks")
	check(map[string]string{"token": "junk"}).ExpectError(t, http.StatusBadRequest, "Unable to verify token")
	check(map[string]string{"token": tk.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "Token failed validation")
	check(map[string]string{}).ExpectError(t, http.StatusBadRequest, "Validation Error")

	ott, err := blocks.CreateOneTimeToken(t.Context(), e.db.Collection("onetimetokens"), blocks.CodecFor(authTestSecrets), blocks.OneTimeTokenSpec{
		Target: "invitation", Data: json.RawMessage(`{"invitationId":"inv-1"}`), Lifetime: 5 * time.Minute,
	}, e.clock(), uuid.NewString).Get()
	if err != nil {
		t.Fatal(err)
	}
	check(map[string]string{"token": ott, "target": "login"}).ExpectError(t, http.StatusBadRequest, "Invalid token")
	if got := string(check(map[string]string{"token": ott, "target": "invitation"}).ExpectStatus(t, http.StatusOK).Body); got != `{"invitationId":"inv-1"}` {
		t.Errorf("body %s", got)
	}
	check(map[string]string{"token": ott, "target": "invitation"}).ExpectError(t, http.StatusUnauthorized, "Token failed validation")
}

func TestCookieMode(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t, func(c *nodeblocks.Config) { c.AuthMode = nodeblocks.AuthCookie })
	id := e.register("ada@example.com", "pw")
	res := e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectStatus(t, http.StatusOK)
	if got := string(res.Body); got != `{"id":"`+id+`"}` {
		t.Errorf("body %s", got)
	}
	if res.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Error("credentials not allowed")
	}
	cookies := map[string]*http.Cookie{}
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		cookies[c.Name] = c
	}
	at, rt := cookies["accessToken"], cookies["refreshToken"]
	if at == nil || rt == nil || at.MaxAge != 900 || rt.MaxAge != 172800 || !at.HttpOnly || !at.Secure || at.SameSite != http.SameSiteStrictMode || at.Path != "/" ||
		!strings.Contains(at.Value, "%3A") {
		t.Fatalf("cookies %+v %+v", at, rt)
	}
	withCookies := func(names ...*http.Cookie) blockyardtest.RequestOption {
		return func(r *http.Request) {
			for _, c := range names {
				r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
			}
		}
	}
	// The bearer header is ignored in cookie mode.
	access, _ := blocks.CodecFor(authTestSecrets).Verify(strings.ReplaceAll(at.Value, "%3A", ":"), e.clock())
	if access.IdentityID != id {
		t.Fatalf("cookie token claims %+v", access)
	}
	e.c.Post("/auth/logout", map[string]string{}, blockyardtest.WithBearer(strings.ReplaceAll(at.Value, "%3A", ":"))).
		ExpectError(t, http.StatusUnauthorized, "Unable to detect access token")

	// Refresh: 204 and new cookies; the body must be empty.
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": "x"}, withCookies(rt)).ExpectError(t, http.StatusBadRequest, "Validation Error")
	res = e.c.Post("/auth/token/refresh", map[string]string{}, withCookies(rt)).ExpectStatus(t, http.StatusNoContent)
	if len(res.Body) != 0 || len(res.Header.Values("Set-Cookie")) != 2 {
		t.Fatalf("refresh: body %q cookies %v", res.Body, res.Header.Values("Set-Cookie"))
	}
	var nat, nrt *http.Cookie
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		switch c.Name {
		case "accessToken":
			nat = c
		case "refreshToken":
			nrt = c
		}
	}
	e.c.Post("/auth/token/refresh", map[string]string{}, withCookies(rt)).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")

	// Logout with the cookies: 204, the refresh row revoked.
	e.c.Post("/auth/logout", map[string]string{}, withCookies(nat, nrt)).ExpectStatus(t, http.StatusNoContent)
	e.c.Post("/auth/token/refresh", map[string]string{}, withCookies(nrt)).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
	e.c.Post("/auth/token/refresh", map[string]string{}).ExpectError(t, http.StatusUnprocessableEntity, "Token was not found")
}

// A full session at debug level: no password, token or secret reaches the
// logs.
func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	const password = "correct-horse-battery-staple"
	e.register("ada@example.com", password)
	e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "wrong-horse-battery"}).ExpectStatus(t, http.StatusUnauthorized)
	tk := e.login("ada@example.com", password, blockyardtest.WithHeader("Authorization", "Bearer not-a-real-token-value"))
	var next authTokens
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}).ExpectStatus(t, http.StatusOK).JSON(t, &next)
	e.c.Post("/auth/token/check", map[string]string{"token": next.AccessToken}).ExpectStatus(t, http.StatusOK)
	e.c.Post("/auth/logout", map[string]string{"refreshToken": next.RefreshToken}, blockyardtest.WithBearer(next.AccessToken)).ExpectStatus(t, http.StatusNoContent)

	logs := e.logs.String()
	if !strings.Contains(logs, `"level":"DEBUG"`) || !strings.Contains(logs, `"block":"StartSession"`) || !strings.Contains(logs, `"route":"login"`) {
		t.Fatalf("expected debug block traces and request logs, got:\n%s", logs)
	}
	hash := e.identity(tk.ID).Password
	for name, secret := range map[string]string{
		"password": password, "wrong password": "wrong-horse-battery", "hash": hash,
		"access token": tk.AccessToken, "refresh token": tk.RefreshToken, "new access token": next.AccessToken, "new refresh token": next.RefreshToken,
		"header": "not-a-real-token-value", "enc secret": authTestSecrets.Enc, "sign secret": authTestSecrets.Sign,
	} {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the logs:\n%s", name, logs)
		}
	}
}

// Reuse of a rotated refresh token ends the whole family: the token the
// first refresh issued stops working too, whoever holds it, and so do the
// identity's other sessions; another identity's do not.
func TestRefreshReuseRevokesTheFamily(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	_, r1 := e.user("ada@example.com")
	other := e.login("ada@example.com", "user-password") // another device
	_, bob := e.user("bob@example.com")

	var r2 authTokens
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": r1.RefreshToken}).ExpectStatus(t, http.StatusOK).JSON(t, &r2)
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": r1.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": r2.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": other.RefreshToken}).ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
	live := bson.D{bson.E{Key: "id", Value: r1.ID}, bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: false}}}}
	if n, _ := e.refreshTokens().CountDocuments(t.Context(), live); n != 0 {
		t.Errorf("%d live refresh tokens left after reuse", n)
	}
	if !strings.Contains(e.logs.String(), `"msg":"refresh token reuse detected: every session of the identity revoked","identityId":"`+r1.ID+`"`) {
		t.Errorf("reuse not logged:\n%s", e.logs.String())
	}
	// Access tokens stay valid until they expire; bob is untouched; ada can
	// log in again.
	e.c.Post("/auth/token/check", map[string]string{"token": r2.AccessToken}).ExpectStatus(t, http.StatusOK)
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": bob.RefreshToken}).ExpectStatus(t, http.StatusOK)
	again := e.login("ada@example.com", "user-password")
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": again.RefreshToken}).ExpectStatus(t, http.StatusOK)
}

// In bearer mode the refreshToken cookie is not read (the reference has no
// cookie parser): a stale cookie next to a valid body token is ignored
// instead of making a 401 "token mismatch", and a cookie alone is no token.
func TestBearerModeIgnoresTheRefreshCookie(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	_, stale := e.user("ada@example.com")
	tk := e.login("ada@example.com", "user-password")
	cookie := func(v string) blockyardtest.RequestOption {
		return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "refreshToken", Value: v}) }
	}

	var next authTokens
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}, cookie(stale.RefreshToken)).
		ExpectStatus(t, http.StatusOK).JSON(t, &next)
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": "junk"}, cookie(next.RefreshToken)).
		ExpectError(t, http.StatusUnprocessableEntity, "Token was not found")

	// Logout revokes the body's token, not the cookie's.
	e.c.Post("/auth/logout", map[string]string{"refreshToken": next.RefreshToken}, blockyardtest.WithBearer(next.AccessToken), cookie(stale.RefreshToken)).
		ExpectStatus(t, http.StatusNoContent)
	nc, _ := blocks.CodecFor(authTestSecrets).Verify(next.RefreshToken, e.clock())
	if row := e.refreshRow(bson.D{bson.E{Key: "jti", Value: nc.JTI}}); row.DeletedAt == "" {
		t.Errorf("body token not revoked: %+v", row)
	}
	sc, _ := blocks.CodecFor(authTestSecrets).Verify(stale.RefreshToken, e.clock())
	if row := e.refreshRow(bson.D{bson.E{Key: "jti", Value: sc.JTI}}); row.DeletedAt != "" {
		t.Errorf("cookie token revoked: %+v", row)
	}
	// A cookie alone revokes nothing.
	e.c.Post("/auth/logout", map[string]string{"refreshToken": "junk"}, blockyardtest.WithBearer(next.AccessToken), cookie(stale.RefreshToken)).
		ExpectStatus(t, http.StatusNoContent)
	if row := e.refreshRow(bson.D{bson.E{Key: "jti", Value: sc.JTI}}); row.DeletedAt != "" {
		t.Errorf("cookie token revoked: %+v", row)
	}
	e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": stale.RefreshToken}).ExpectStatus(t, http.StatusOK)
}

package routes_test

import (
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// expectNoStore checks the caching headers of a token response.
func expectNoStore(t *testing.T, what string, res *blockyardtest.Response) {
	t.Helper()
	if cc, p := res.Header.Get("Cache-Control"), res.Header.Get("Pragma"); cc != "no-store" || p != "no-cache" {
		t.Errorf("%s (%d): Cache-Control %q, Pragma %q; want no-store, no-cache", what, res.Status, cc, p)
	}
}

// Every answer that carries a token, in the body or in a cookie, and
// every answer of those routes (errors included), says Cache-Control:
// no-store and Pragma: no-cache (RFC 6749 §5.1); the reference sent
// neither. Register carries no token and keeps the reference's headers.
func TestTokenResponsesAreNotStored(t *testing.T) {
	t.Parallel()
	e := newAuthEnv(t)
	e.register("ada@example.com", "pw")
	res := e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectStatus(t, http.StatusOK)
	expectNoStore(t, "login", res)
	var tk authTokens
	res.JSON(t, &tk)
	expectNoStore(t, "wrong password", e.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "nope"}))

	var next authTokens
	res = e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}).ExpectStatus(t, http.StatusOK)
	expectNoStore(t, "refresh", res)
	res.JSON(t, &next)
	expectNoStore(t, "refresh reuse", e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}))
	expectNoStore(t, "token check", e.c.Post("/auth/token/check", map[string]string{"token": next.AccessToken}).ExpectStatus(t, http.StatusOK))
	expectNoStore(t, "logout", e.c.Post("/auth/logout", map[string]string{"refreshToken": next.RefreshToken}, blockyardtest.WithBearer(next.AccessToken)).
		ExpectStatus(t, http.StatusNoContent))

	res = e.c.Post("/auth/register", map[string]string{"email": "bob@example.com", "password": "pw"}).ExpectStatus(t, http.StatusCreated)
	if cc := res.Header.Get("Cache-Control"); cc != "" {
		t.Errorf("register: Cache-Control %q", cc)
	}

	// Cookie mode: the tokens travel in Set-Cookie.
	c := newAuthEnv(t, func(c *nodeblocks.Config) { c.AuthMode = nodeblocks.AuthCookie })
	c.register("ada@example.com", "pw")
	res = c.c.Post("/auth/login", map[string]string{"email": "ada@example.com", "password": "pw"}).ExpectStatus(t, http.StatusOK)
	expectNoStore(t, "cookie login", res)
	var refresh *http.Cookie
	for _, ck := range (&http.Response{Header: res.Header}).Cookies() {
		if ck.Name == "refreshToken" {
			refresh = ck
		}
	}
	if refresh == nil {
		t.Fatal("no refreshToken cookie")
	}
	res = c.c.Post("/auth/token/refresh", map[string]string{}, func(r *http.Request) { r.AddCookie(&http.Cookie{Name: refresh.Name, Value: refresh.Value}) }).
		ExpectStatus(t, http.StatusNoContent)
	expectNoStore(t, "cookie refresh", res)
}

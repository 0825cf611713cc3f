package routes

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// authErrors is the status of every authentication block error kind, the
// same on every auth route (the reference's orThrow maps).
var authErrors = primitives.ErrorMap{
	{Kind: blocks.KindAuthInvalidToken, Status: http.StatusBadRequest},
	{Kind: blocks.KindAuthBadRequest, Status: http.StatusBadRequest},
	{Kind: blocks.KindAuthUnauthorized, Status: http.StatusUnauthorized},
	{Kind: blocks.KindAuthInvalidInput, Status: http.StatusUnprocessableEntity},
	{Kind: blocks.KindAuthUnexpectedDB, Status: http.StatusInternalServerError},
	{Kind: blocks.KindAuthTokenGeneration, Status: http.StatusInternalServerError},
}

// authCodec and authLifetimes are the token settings of the auth routes,
// from the service's configuration.
func authCodec(s *primitives.Service) *blocks.Codec {
	return blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets)
}

func authLifetimes(s *primitives.Service) blocks.TokenLifetimes {
	return blocks.TokenLifetimes{Access: nodeblocks.Settings.Of(s).AccessTokenLifetime, Refresh: nodeblocks.Settings.Of(s).RefreshTokenLifetime}
}

// refreshTokenBody checks the body against the auth mode, after the
// schema: in bearer mode refreshToken is required, in cookie mode the body
// must be empty (the token travels in the refreshToken cookie). The
// reference declares one schema per mode; the messages are the ones its
// validation gives.
func refreshTokenBody(r *primitives.Request) mo.Result[string] {
	v, present := r.BodyField("refreshToken")
	s, _ := v.(string)
	if nodeblocks.Settings.Of(r.Service).AuthMode == nodeblocks.AuthCookie {
		if present {
			return mo.Err[string](primitives.ValidationError([]string{"request body must NOT have additional properties"}))
		}
		return mo.Ok("")
	}
	if !present {
		return mo.Err[string](primitives.ValidationError([]string{"request body must have required property 'refreshToken'"}))
	}
	return mo.Ok(s)
}

// requestHostname is Express 4's req.hostname (without trust proxy): the
// Host header without its port, an IPv6 literal keeping its brackets
// ("[::1]:8080" → "[::1]").
func requestHostname(hr *http.Request) string {
	host := hr.Host
	offset := 0
	if strings.HasPrefix(host, "[") {
		offset = strings.IndexByte(host, ']') + 1 // an IPv6 literal keeps its brackets
	}
	if i := strings.IndexByte(host[offset:], ':'); i >= 0 {
		return host[:offset+i]
	}
	return host
}

// headerPtr returns the header's value, nil when the client did not send
// it (stored as null, like the reference's undefined).
func headerPtr(hr *http.Request, name string) *string {
	if vs := hr.Header.Values(name); len(vs) > 0 {
		return &vs[0]
	}
	return nil
}

// setTokenCookies sets the accessToken and refreshToken cookies (cookie
// mode), with nodeblocks.Config.Cookie's attributes and the tokens' lifetimes as
// Max-Age, and allows credentials, as the reference does.
func setTokenCookies(r *primitives.Request, ses blocks.Session) {
	s := r.Service
	now := s.Now()
	for _, c := range []struct {
		name, value string
		life        time.Duration
	}{
		{blocks.AccessTokenCookie, ses.AccessToken, nodeblocks.Settings.Of(s).AccessTokenLifetime},
		{blocks.RefreshTokenCookie, ses.RefreshToken, nodeblocks.Settings.Of(s).RefreshTokenLifetime},
	} {
		ck := tokenCookie(nodeblocks.Settings.Of(s).Cookie, c.name, url.QueryEscape(c.value))
		ck.MaxAge = int(c.life / time.Second)
		ck.Expires = now.Add(c.life)
		http.SetCookie(r.Writer, ck)
	}
	r.Writer.Header().Set("Access-Control-Allow-Credentials", "true")
}

// noStore marks the answer as never to be stored by a browser or a proxy
// cache: login, refresh and the token check answer tokens (in the body or
// in cookies), logout sets cookies. Cache-Control: no-store is what RFC
// 6749 (§5.1) requires of token responses; Pragma: no-cache is its
// HTTP/1.0 equivalent. The reference set neither. It is set before the
// handler works, so error answers carry it too.
func noStore(r *primitives.Request) {
	h := r.Writer.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
}

// clearTokenCookies expires both token cookies (logout does it in every
// mode, like the reference).
func clearTokenCookies(r *primitives.Request) {
	for _, name := range []string{blocks.AccessTokenCookie, blocks.RefreshTokenCookie} {
		ck := tokenCookie(nodeblocks.Settings.Of(r.Service).Cookie, name, "")
		ck.Expires = time.Unix(0, 0)
		http.SetCookie(r.Writer, ck)
	}
}

func tokenCookie(o nodeblocks.CookieOptions, name, value string) *http.Cookie {
	ck := &http.Cookie{
		Name: name, Value: value, Domain: o.Domain, Path: o.Path,
		HttpOnly: !o.AllowScripts, Secure: !o.Insecure,
	}
	switch strings.ToLower(o.SameSite) {
	case "lax":
		ck.SameSite = http.SameSiteLaxMode
	case "none":
		ck.SameSite = http.SameSiteNoneMode
	default:
		ck.SameSite = http.SameSiteStrictMode
	}
	return ck
}

package blocks

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// Request facts the tokens are bound to.
const (
	// FingerprintHeader carries the client's device fingerprint.
	FingerprintHeader = "x-nb-fingerprint"
	// AccessTokenCookie and RefreshTokenCookie carry the tokens in cookie
	// mode.
	AccessTokenCookie  = "accessToken"
	RefreshTokenCookie = "refreshToken"
)

// TokenAuthenticator is the primitives.Authenticator of the reference's
// tokens (getBearerTokenInfo / getCookieTokenInfo). It reads the access
// token from "Authorization: Bearer <token>" or, when nodeblocks.Config.AuthMode is
// cookie, from the accessToken cookie, verifies it with nodeblocks.Config.AuthSecrets
// at the service's clock and checks it against the request's origin.
//
// The request IP is the connection's address without its port
// (http.Request.RemoteAddr), like Express without "trust proxy". Behind a
// reverse proxy the host app must set RemoteAddr to the client's address
// (from a header it trusts) before the request reaches Blockyard, or
// disable the IP rule with nodeblocks.Config.IgnoreIP.
//
// The zero value is ready to use; it holds no state. It is the default:
// validators.Principal (hence every built-in validator) uses it when
// Service.Auth is nil, so a service needs to set it only for
// primitives.Authenticate to use it as well.
type TokenAuthenticator struct{}

var _ primitives.Authenticator = TokenAuthenticator{}

// Authenticate returns the Principal of a valid access token or the
// reference's 401/422 error.
func (TokenAuthenticator) Authenticate(r *primitives.Request) (*primitives.Principal, error) {
	s := r.Service
	cfg := nodeblocks.Settings.Of(s)
	raw, err := AccessTokenOf(r.HTTP, cfg.AuthMode)
	if err != nil {
		return nil, err
	}
	c, err := VerifyAccessToken(CodecFor(cfg.AuthSecrets), raw, RequestOrigin(r.HTTP), !cfg.IgnoreIP, s.Now()).Get()
	if err != nil {
		return nil, err
	}
	return &primitives.Principal{IdentityID: c.IdentityID, AccessType: c.AccessType, AppID: c.AppID, Token: raw}, nil
}

// AccessTokenOf extracts the raw access token of a request. Bearer mode: a
// missing Authorization header yields "" (which then fails verification
// with 401); a header that is not exactly "Bearer <token>" is 422
// "Incorrect authorization of token header". Cookie mode: the accessToken
// cookie, URI-decoded like Express's cookie-parser; none is 401 "Unable to
// detect access token" (Authorization headers are ignored).
func AccessTokenOf(hr *http.Request, mode nodeblocks.AuthMode) (string, error) {
	if mode == nodeblocks.AuthCookie {
		v := CookieValue(hr, AccessTokenCookie)
		if v == "" {
			return "", ErrNoAccessCookie
		}
		return v, nil
	}
	vals := hr.Header.Values("Authorization")
	if len(vals) == 0 {
		return "", nil
	}
	parts := strings.Split(vals[0], " ")
	if len(parts) != 2 || parts[0] != "Bearer" {
		return "", ErrAuthorizationHeader
	}
	return parts[1], nil
}

// CookieValue returns the URI-decoded value of a cookie, "" when absent.
// Tokens in cookies are URI-encoded (':' is %3A), by the reference and here.
func CookieValue(hr *http.Request, name string) string {
	ck, err := hr.Cookie(name)
	if err != nil {
		return ""
	}
	if v, err := url.PathUnescape(ck.Value); err == nil {
		return v
	}
	return ck.Value
}

// VerifyAccessToken is the reference's access token check, free of HTTP:
// verify (401 "token could not be verified"), type access (401 "Token is
// not valid access token"), then app tokens pass as they are and user
// tokens must pass the security check (401 "Token fails security check");
// any other access type is 401 "Token missing authentication".
func VerifyAccessToken(codec *Codec, raw string, origin Origin, checkIP bool, now time.Time) mo.Result[Claims] {
	c, err := codec.Verify(raw, now)
	if err != nil {
		return mo.Err[Claims](ErrTokenNotVerified.Wrap(err))
	}
	if c.Type != token.TypeAccess {
		return mo.Err[Claims](ErrNotAccessToken)
	}
	switch c.AccessType {
	case token.AccessApp:
		return mo.Ok(c)
	case token.AccessUser:
		if !token.PassesSecurityCheck(c, origin, checkIP) {
			return mo.Err[Claims](ErrSecurityCheck)
		}
		return mo.Ok(c)
	}
	return mo.Err[Claims](ErrMissingAuthentication)
}

// RequestOrigin is the origin a token is checked against: the
// x-nb-fingerprint header, the request IP (see RequestIP) and the
// User-Agent header, "" when absent.
func RequestOrigin(hr *http.Request) Origin {
	return Origin{Fingerprint: hr.Header.Get(FingerprintHeader), IP: RequestIP(hr), UserAgent: hr.UserAgent()}
}

// RequestIP is the connection's address without its port, like Express's
// req.ip without "trust proxy". Behind a proxy the host app must set
// http.Request.RemoteAddr to the client's address itself.
func RequestIP(hr *http.Request) string {
	host, _, err := net.SplitHostPort(hr.RemoteAddr)
	if err != nil {
		return hr.RemoteAddr
	}
	return host
}

package primitives

import (
	"net/http"

	"github.com/samber/mo"
)

// Principal is who made a request, as established by an Authenticator.
type Principal struct {
	// IdentityID is the authenticated identity (user access tokens).
	IdentityID string
	// AccessType is "user" or "app".
	AccessType string
	// AppID is set for app access tokens.
	AppID string
	// Token is the raw access token the request carried.
	Token string
}

// IsUser reports whether p is a user with an identity id: the reference's
// "valid user access token".
func (p *Principal) IsUser() bool { return p != nil && p.AccessType == "user" && p.IdentityID != "" }

// Authenticator establishes the Principal of a request, or returns the
// error the client receives (401/422 family).
type Authenticator interface {
	Authenticate(r *Request) (*Principal, error)
}

// AuthenticatorFunc adapts a function to Authenticator.
type AuthenticatorFunc func(r *Request) (*Principal, error)

// Authenticate calls f.
func (f AuthenticatorFunc) Authenticate(r *Request) (*Principal, error) { return f(r) }

var principalKey = NewKey[*Principal]("principal")

// Authenticate returns the request's Principal, authenticating at most once
// per request with Service.Auth: every validator and block that needs the
// caller shares the first verification. Without an authenticator it is a
// 500.
func Authenticate(r *Request) mo.Result[*Principal] { return AuthenticateWith(r, nil) }

// AuthenticateWith is Authenticate with the authenticator to use when
// Service.Auth is nil. Package validators passes the reference's token
// authenticator, so a route guarded by its validators works even when no
// feature's setup installed one.
func AuthenticateWith(r *Request, fallback Authenticator) mo.Result[*Principal] {
	return principalKey.Once(r, func() mo.Result[*Principal] {
		a := fallback
		if r.Service != nil && r.Service.Auth != nil {
			a = r.Service.Auth
		}
		if a == nil {
			return mo.Err[*Principal](errNoAuthenticator)
		}
		return mo.TupleToResult(a.Authenticate(r))
	})
}

var errNoAuthenticator = StatusError(http.StatusInternalServerError, "authentication is not configured")

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

// Authenticate returns the request's Principal as Service.Auth establishes
// it, authenticating at most once per request: every validator and block
// that asks shares the first answer, error included. A service without an
// Authenticator answers 500 "authentication is not configured".
//
// It is the machinery's entry point, for a domain's own validators. A
// domain may layer its own checks on it and give its validators and
// blocks a single accessor of the caller; the built-in domain does (see
// package validators), and there, when Service.Auth is nil, uses its
// default tokens.
//
// It is kept out of line (go:noinline): inlined into another package, the
// closure it hands to Key.Once would be allocated on every request.
//
//go:noinline
func Authenticate(r *Request) mo.Result[*Principal] {
	return principalKey.Once(r, func() mo.Result[*Principal] {
		if r.Service == nil || r.Service.Auth == nil {
			return mo.Err[*Principal](errNoAuthenticator)
		}
		p, err := r.Service.Auth.Authenticate(r)
		if err == nil && p == nil {
			// An Authenticator that establishes nobody refuses the request,
			// rather than letting a request with no caller through.
			err = errNoPrincipal
		}
		return mo.TupleToResult(p, err)
	})
}

// errNoPrincipal answers a request its Authenticator returned neither a
// Principal nor an error for.
var errNoPrincipal = StatusError(http.StatusUnauthorized, "token could not be verified")

var errNoAuthenticator = StatusError(http.StatusInternalServerError, "authentication is not configured")

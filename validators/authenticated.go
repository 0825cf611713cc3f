package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// IsAuthenticated lets a request through when it carries a valid access
// token, user or app (the reference's isAuthenticated), and, for a user,
// when the identity still exists and is not locked. Otherwise it answers
// with Authenticate's error: 401 "token could not be verified", 422
// "Incorrect authorization of token header", 401 "Token fails security
// check", ..., 401 "This account is locked", 403 "Failed to fetch
// identity".
//
// The result is memoized: later validators and blocks of the same request
// reuse it through Authenticate.
func IsAuthenticated(r *primitives.Request) error {
	return Authenticate(r).Error()
}

// activePrincipalKey remembers Authenticate's result: the verified
// principal after the identity check.
var activePrincipalKey = primitives.NewKey[*primitives.Principal]("active principal")

// Authenticate returns the request's Principal once per request: the token
// verified (primitives.AuthenticateWith) with the service's authenticator
// or, when Service.Auth is nil, the reference's tokens
// (blocks.TokenAuthenticator); then, for a user, the identity's state.
// A user whose identity is locked is refused with 401 "This account is
// locked" (ErrAccountLocked); one whose identity no longer exists (or
// cannot be read) with 403 "Failed to fetch identity" and data.cause
// {statusCode 404 or 500, functionName getIdentityById}, the answer routes
// that load the caller always gave. The reference checked neither: its
// access tokens kept working until they expired, an owner's included.
// App tokens carry no identity and are not checked.
//
// The identity is the one Caller returns: it is read once per request
// (one indexed findOne by id) and shared, so a route whose validators
// load the caller pays nothing more for the check, and a route that only
// authenticates pays that one lookup. This holds whatever Service.Auth
// is: a host's own Authenticator must name identities of the identities
// collection in its user principals.
//
// primitives.Authenticate, which verifies the token only, is the lower
// level; validators and blocks should use this.
func Authenticate(r *primitives.Request) mo.Result[*primitives.Principal] {
	return activePrincipalKey.Once(r, func() mo.Result[*primitives.Principal] { return authenticate(r) })
}

// authenticate verifies the token and checks a user's identity. It reads
// the identity through loadCaller, never through Caller (which calls
// Authenticate).
func authenticate(r *primitives.Request) mo.Result[*primitives.Principal] {
	p, err := primitives.AuthenticateWith(r, blocks.TokenAuthenticator{}).Get()
	if err != nil {
		return mo.Err[*primitives.Principal](err)
	}
	if !p.IsUser() {
		return mo.Ok(p)
	}
	idn, err := loadCaller(r, p.IdentityID).Get()
	switch {
	case err != nil:
		return mo.Err[*primitives.Principal](err)
	case idn.Locked:
		return mo.Err[*primitives.Principal](ErrAccountLocked)
	}
	return mo.Ok(p)
}

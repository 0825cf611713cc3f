package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// IsAuthenticated lets a request through when it carries a valid access
// token, user or app (the reference's isAuthenticated), and, for a user,
// when the identity still exists and is not locked. Otherwise it answers
// with Principal's error: 401 "token could not be verified", 422
// "Incorrect authorization of token header", 401 "Token fails security
// check", ..., 401 "This account is locked", 403 "Failed to fetch
// identity".
//
// The result is remembered: later validators and blocks of the same
// request reuse it through Principal and Caller.
func IsAuthenticated(r *primitives.Request) error {
	return Principal(r).Error()
}

// principalKey remembers Principal's result: the verified principal after
// the identity check.
var principalKey = primitives.NewKey[*primitives.Principal]("active principal")

// Principal returns who made the request, user or app, once per request.
// With Caller it is the one way for validators and blocks to get the
// caller: Principal for the token's facts (an app token has no identity),
// Caller for a user's identity document. Both run the same two steps and
// share their results:
//
//  1. The token is verified by Service.Auth through
//     primitives.Authenticate or, when Service.Auth is nil, by the
//     reference's tokens (blocks.TokenAuthenticator). This fallback is the
//     only place the default authenticator is chosen: a route guarded by
//     these validators works when mounted alone, without the built-in
//     routes' setups, and a service with its own Authenticator keeps it.
//  2. For a user, the identity is read (once per request, one indexed
//     findOne by id, the document Caller returns) and its state checked:
//     a locked identity is refused with 401 "This account is locked"
//     (ErrAccountLocked); one that no longer exists (or cannot be read)
//     with 403 "Failed to fetch identity" and data.cause {statusCode 404
//     or 500, functionName getIdentityById}, the answer routes that load
//     the caller always gave. The reference checked neither: its access
//     tokens kept working until they expired, an owner's included. App
//     tokens carry no identity and are not checked.
//
// The check holds whatever Service.Auth is: a host's own Authenticator
// must name identities of the identities collection in its user
// principals.
func Principal(r *primitives.Request) mo.Result[*primitives.Principal] {
	return principalKey.Once(r, func() mo.Result[*primitives.Principal] { return activePrincipal(r) })
}

// activePrincipal verifies the token and checks a user's identity. It
// reads the identity through loadCaller, never through Caller (which calls
// Principal).
func activePrincipal(r *primitives.Request) mo.Result[*primitives.Principal] {
	p, err := verifyToken(r).Get()
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

// verifyToken is step 1 of Principal: the service's Authenticator through
// primitives.Authenticate (so a host validator calling it on the same
// request shares the verification), or the reference's tokens when the
// service has none. Principal runs it once per request.
func verifyToken(r *primitives.Request) mo.Result[*primitives.Principal] {
	if r.Service.Auth == nil {
		return mo.TupleToResult(blocks.TokenAuthenticator{}.Authenticate(r))
	}
	return primitives.Authenticate(r)
}

// IdentityID returns the identity id of the user who made the request, or
// "" when the request carries no valid user token (an app token has no
// identity). It is Principal reduced to the one fact most blocks need, for
// a route that is guarded by IsAuthenticated and stores who acted, such as
// store.Collection's Owner.
func IdentityID(r *primitives.Request) string {
	p, err := Principal(r).Get()
	if err != nil || p == nil {
		return ""
	}
	return p.IdentityID
}

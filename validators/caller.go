package validators

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// Errors of the identity validators, with the reference's statuses and
// messages.
var (
	// ErrInvalidToken: the request is authenticated, but not by a user
	// access token with an identity (an app token).
	ErrInvalidToken = primitives.StatusError(http.StatusUnauthorized, "Invalid token")
	// ErrFetchIdentity: the caller's identity could not be loaded; its data
	// carries the lookup's cause (404 or 500, getIdentityById).
	ErrFetchIdentity = primitives.StatusError(http.StatusForbidden, "Failed to fetch identity")
	// ErrAccountLocked: the caller's identity is locked (by an
	// administrator or after too many failed logins). It is login's
	// message (blocks.ErrAccountLocked) with its status, 401, on every
	// route.
	ErrAccountLocked = primitives.StatusError(http.StatusUnauthorized, blocks.ErrAccountLocked.Message)
)

var callerKey = primitives.NewKey[*blocks.Identity]("caller")

// Caller returns the identity document of the authenticated user, loaded
// at most once per request whatever the number of validators and blocks
// that ask (Principal's identity check reads the same document). Its ID is
// the principal's IdentityID. Errors, in the reference's order:
// Principal's (the token's 401/422; for a user, 403 "Failed to fetch
// identity" with data.cause {statusCode 404 or 500, functionName
// getIdentityById} when the identity does not exist or the lookup fails,
// then 401 "This account is locked"), then 401 "Invalid token" for an app
// token.
//
// Validators and blocks that need the calling user (its id, type or
// memberships) use it, e.g.:
//
//	idn, err := validators.Caller(r).Get()
func Caller(r *primitives.Request) mo.Result[*blocks.Identity] {
	p, err := Principal(r).Get()
	if err != nil {
		return mo.Err[*blocks.Identity](err)
	}
	if !p.IsUser() {
		return mo.Err[*blocks.Identity](ErrInvalidToken)
	}
	return loadCaller(r, p.IdentityID)
}

// loadCaller reads the identity id once per request; a missing identity or
// a failed lookup is 403 "Failed to fetch identity" with the lookup as
// cause. Principal and Caller share it.
func loadCaller(r *primitives.Request, id string) mo.Result[*blocks.Identity] {
	return callerKey.Once(r, func() mo.Result[*blocks.Identity] {
		res := blocks.GetIdentityByID(r.Context(), nodeblocks.Identities(r.Service), id)
		if err := res.Error(); err != nil {
			return mo.Err[*blocks.Identity](ErrFetchIdentity.Caused(err))
		}
		return res
	})
}

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

// AuthenticatedUser returns the request's principal when it is a user (an
// access token with an identity id) whose identity exists and is not
// locked: Authenticate's error otherwise, or 401 "Invalid token" for an
// app token. The verification and the identity check are shared with
// every other validator of the request.
func AuthenticatedUser(r *primitives.Request) mo.Result[*primitives.Principal] {
	p, err := Authenticate(r).Get()
	if err != nil {
		return mo.Err[*primitives.Principal](err)
	}
	if !p.IsUser() {
		return mo.Err[*primitives.Principal](ErrInvalidToken)
	}
	return mo.Ok(p)
}

// Caller returns the identity document of the authenticated user, loaded
// at most once per request whatever the number of validators and blocks
// that ask (Authenticate's identity check reads the same document).
// Errors, in the reference's order: the authenticator's (401/422); for a
// user, 403 "Failed to fetch identity" with data.cause {statusCode 404 or
// 500, functionName getIdentityById} when the identity does not exist or
// the lookup fails, then 401 "This account is locked"; for an app token,
// 401 "Invalid token".
//
// Validators that need the caller's type or memberships use it, e.g.:
//
//	idn, err := validators.Caller(r).Get()
func Caller(r *primitives.Request) mo.Result[*blocks.Identity] {
	p, err := AuthenticatedUser(r).Get()
	if err != nil {
		return mo.Err[*blocks.Identity](err)
	}
	return loadCaller(r, p.IdentityID)
}

// loadCaller reads the identity id once per request; a missing identity or
// a failed lookup is 403 "Failed to fetch identity" with the lookup as
// cause. Authenticate and Caller share it.
func loadCaller(r *primitives.Request, id string) mo.Result[*blocks.Identity] {
	return callerKey.Once(r, func() mo.Result[*blocks.Identity] {
		res := blocks.GetIdentityByID(r.Context(), nodeblocks.Identities(r.Service), id)
		if err := res.Error(); err != nil {
			return mo.Err[*blocks.Identity](ErrFetchIdentity.Caused(err))
		}
		return res
	})
}

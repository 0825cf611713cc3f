package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// IsAuthenticated lets a request through when it carries a valid access
// token, user or app (the reference's isAuthenticated). Otherwise it
// answers with the authenticator's error: 401 "token could not be
// verified", 422 "Incorrect authorization of token header", 401 "Token
// fails security check", ...
//
// The verification is memoized: later validators and blocks of the same
// request reuse it through primitives.Authenticate.
func IsAuthenticated(r *primitives.Request) error {
	return Authenticate(r).Error()
}

// Authenticate returns the request's Principal, verified once per request
// (primitives.AuthenticateWith) with the service's authenticator or, when
// Service.Auth is nil, the reference's tokens (blocks.TokenAuthenticator).
func Authenticate(r *primitives.Request) mo.Result[*primitives.Principal] {
	return primitives.AuthenticateWith(r, blocks.TokenAuthenticator{})
}

package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
)

// What the validators can answer, stated once for the API document (see
// primitives.DescribeValidator): the token's refusals (the reference's
// authenticator: 401, 422 for a malformed Authorization header), the
// caller's (403 when its identity cannot be read, 401 when locked or an
// app token where a user is needed), then each check's own.
var (
	principalErrors = []*primitives.Error{
		blocks.ErrTokenNotVerified, blocks.ErrAuthorizationHeader, blocks.ErrNotAccessToken,
		blocks.ErrSecurityCheck, blocks.ErrMissingAuthentication, blocks.ErrNoAccessCookie,
		ErrAccountLocked, ErrFetchIdentity,
	}
	callerErrors = append(principalErrors[:len(principalErrors):len(principalErrors)], ErrInvalidToken)
)

// refusal describes a validator that needs the calling user (Caller) and
// may refuse with errs besides.
func refusal(errs ...*primitives.Error) primitives.Refusal {
	return primitives.Refusal{Errors: append(callerErrors[:len(callerErrors):len(callerErrors)], errs...), Authenticates: true}
}

var _ = primitives.DescribeValidator(IsAuthenticated, primitives.Refusal{Errors: principalErrors, Authenticates: true})

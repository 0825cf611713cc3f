package validators

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Errors of IsSelf.
var (
	// ErrIdentityIDRequired: the request names no identity.
	ErrIdentityIDRequired = primitives.StatusError(http.StatusForbidden, "Identity ID is required")
	// ErrIdentityIDMismatch: the request names another identity.
	ErrIdentityIDMismatch = primitives.StatusError(http.StatusForbidden, "Identity ID does not match")
)

// IsSelf lets a request through when the identity id read by target is the
// caller's own (the reference's isSelf), e.g.
// IsSelf(PathValue("identityId")). Errors in order: Caller's (the
// token's, the identity's state, 401 "Invalid token" for an app token),
// 403 "Identity ID is required" when target is empty, 403 "Identity ID
// does not match". It reads no document besides the caller's, which the
// identity check reads anyway.
func IsSelf(target Source) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		caller, err := Caller(r).Get()
		if err != nil {
			return err
		}
		id := target(r)
		if id == "" {
			return ErrIdentityIDRequired
		}
		if id != caller.ID {
			return ErrIdentityIDMismatch
		}
		return nil
	}, refusal(ErrIdentityIDRequired, ErrIdentityIDMismatch))
}

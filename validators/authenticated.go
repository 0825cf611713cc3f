package validators

import "github.com/blockyard/blockyard/primitives"

// IsAuthenticated lets a request through when it carries a valid access
// token, user or app (the reference's isAuthenticated). Otherwise it
// answers with the authenticator's error: 401 "token could not be
// verified", 422 "Incorrect authorization of token header", 401 "Token
// fails security check", ...
//
// The verification is memoized: later validators and blocks of the same
// request reuse it through primitives.Authenticate.
func IsAuthenticated(r *primitives.Request) error {
	return primitives.Authenticate(r).Error()
}

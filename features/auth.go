package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/routes"
)

// Auth bundles the authentication routes, like the reference's
// authService (without MFA, OAuth, invitations, e-mail verification and
// password reset): routes.Register, routes.Login, routes.Logout,
// routes.RefreshToken and routes.CheckToken, with their setup
// (routes.SetupAuth).
func Auth() primitives.Feature {
	return primitives.Join("auth", routes.Register, routes.Login, routes.Logout, routes.RefreshToken, routes.CheckToken)
}

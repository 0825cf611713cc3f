package features

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// SetupAuth prepares a service for the auth and identity features: it
// creates, idempotently, the indexes their queries use (unique id and
// email on identities, unique jti and id on refreshtokens, token on
// onetimetokens), installs blocks.TokenAuthenticator when the service has
// no Authenticator yet and refuses secrets shorter than 18 characters
// (ErrAuthSecrets).
var SetupAuth = primitives.NewSetup("auth: tokens and identity indexes", setupAuth)

func setupAuth(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	c := nodeblocks.Settings.Of(s).Collections
	if err := blocks.EnsureIdentityIndexes(ctx, s.Collection(c.Identities)); err != nil {
		return err
	}
	if err := blocks.EnsureRefreshTokenIndexes(ctx, s.Collection(c.RefreshTokens)); err != nil {
		return err
	}
	return blocks.EnsureOneTimeTokenIndexes(ctx, s.Collection(c.OneTimeTokens))
}

// Register validates {email, password} (both strings, both required, no
// other property: in particular no typeId) before routes.Register.
var Register = primitives.NewFeature(schema.Request{
	Body: schema.Object(
		schema.Prop("email", schema.String()),
		schema.Prop("password", schema.String()),
	).Required("email", "password"),
}, routes.Register, SetupAuth)

// Login validates {email, password, fingerprint?} before routes.Login.
var Login = primitives.NewFeature(schema.Request{
	Body: schema.Object(
		schema.Prop("email", schema.String()),
		schema.Prop("password", schema.String()),
		schema.Prop("fingerprint", schema.String()),
	).Required("email", "password"),
}, routes.Login, SetupAuth)

// refreshTokenBody is the body of logout and refresh. Whether refreshToken
// is required (bearer mode) or forbidden (cookie mode) depends on the
// service's AuthMode, which the route checks after this schema.
var refreshTokenBody = schema.Object(schema.Prop("refreshToken", schema.String()))

// Logout validates {refreshToken} before routes.Logout.
var Logout = primitives.NewFeature(schema.Request{Body: refreshTokenBody}, routes.Logout, SetupAuth)

// RefreshToken validates {refreshToken} before routes.RefreshToken.
var RefreshToken = primitives.NewFeature(schema.Request{Body: refreshTokenBody}, routes.RefreshToken, SetupAuth)

// CheckToken validates {token, target?} before routes.CheckToken.
var CheckToken = primitives.NewFeature(schema.Request{
	Body: schema.Object(
		schema.Prop("token", schema.String()),
		schema.Prop("target", schema.String()),
	).Required("token"),
}, routes.CheckToken, SetupAuth)

// Auth bundles the authentication features, like the reference's
// authService (without MFA, OAuth, invitations, e-mail verification and
// password reset): register, login, logout, refresh and check.
func Auth() primitives.Feature {
	f := primitives.Join("auth", Register, Login, Logout, RefreshToken, CheckToken)
	f.Setup = []*primitives.Setup{SetupAuth}
	return f
}

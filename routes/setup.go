package routes

import (
	"context"
	"errors"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// The setups of the routes: what Mount prepares before the first request.
// Each route lists the ones it needs; Mount runs each distinct Setup once,
// however many mounted routes list it, so a route mounts alone or in a
// bundle alike.

// ErrAuthSecrets is the Mount error of a service whose token secrets the
// reference would reject (each must be at least 18 characters).
var ErrAuthSecrets = errors.New("Config.AuthSecrets: Enc and Sign must each be at least 18 characters")

// SetupAuth prepares a service for the auth and identity routes: it
// creates, idempotently, the indexes their queries use (unique id and
// email on identities, unique jti and id on refreshtokens, token on
// onetimetokens) and refuses secrets shorter than 18 characters
// (ErrAuthSecrets) when the service uses the reference's tokens.
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

// SetupOrganizations prepares a service for the organization routes: the
// organizations indexes (see blocks.EnsureOrganizationIndexes) and the
// reference's tokens (see SetupAuth).
var SetupOrganizations = primitives.NewSetup("organizations: tokens and indexes", setupOrganizations)

func setupOrganizations(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	return blocks.EnsureOrganizationIndexes(ctx, nodeblocks.Organizations(s))
}

// SetupChangeRequests creates, idempotently, the indexes of the
// organizationChangeRequests collection (unique id, organizationId) and
// checks the token secrets (see SetupAuth). The change-request routes also
// list SetupOrganizations, which indexes the organizations.
var SetupChangeRequests = primitives.NewSetup("change requests: tokens and indexes", setupChangeRequests)

func setupChangeRequests(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	return blocks.EnsureChangeRequestIndexes(ctx, nodeblocks.OrganizationChangeRequests(s))
}

// SetupProfiles prepares a service for the profile routes: it creates,
// idempotently, the profiles indexes (unique id, followed organization
// ids) and the reference's tokens (see SetupAuth).
var SetupProfiles = primitives.NewSetup("profiles: tokens and indexes", setupProfiles)

func setupProfiles(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	return blocks.EnsureProfileIndexes(ctx, nodeblocks.Profiles(s))
}

// setupTokens is the setup every route that authenticates shares. It
// refuses a Config that breaks a rule of its validate tags
// (nodeblocks.Config.Validate: an unknown AuthMode or SameSite, a negative
// lifetime), whatever the authenticator. Then, when
// the service uses the reference's tokens (Service.Auth nil, which the
// validators resolve to blocks.TokenAuthenticator, or that authenticator
// itself), it refuses at mount the secrets that would otherwise fail every
// login (500) and every request (401) at run time. It installs nothing:
// the default authenticator is chosen in one place, validators.Principal,
// so that a route guarded by the validators works mounted alone too.
func setupTokens(_ context.Context, s *primitives.Service) error {
	if err := nodeblocks.Settings.Of(s).Validate(); err != nil {
		return err
	}
	if !usesReferenceTokens(s) {
		return nil
	}
	if blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets) == nil {
		return ErrAuthSecrets
	}
	return nil
}

// usesReferenceTokens reports whether the service authenticates with the
// reference's access tokens.
func usesReferenceTokens(s *primitives.Service) bool {
	if s.Auth == nil {
		return true
	}
	switch s.Auth.(type) {
	case blocks.TokenAuthenticator, *blocks.TokenAuthenticator:
		return true
	}
	return false
}

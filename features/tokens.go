package features

import (
	"context"
	"errors"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// ErrAuthSecrets is the Mount error of a service whose token secrets the
// reference would reject (each must be at least 18 characters).
var ErrAuthSecrets = errors.New("Config.AuthSecrets: Enc and Sign must each be at least 18 characters")

// setupTokens is the setup every feature that authenticates shares: it
// installs blocks.TokenAuthenticator when the service has no Authenticator
// and, when the service uses the reference's tokens, refuses at mount the
// secrets that would otherwise fail every login (500) and every request
// (401) at run time.
// tokensSetup is setupTokens as a Setup, for routes that need no index.
var tokensSetup = primitives.NewSetup("tokens", setupTokens)

func setupTokens(_ context.Context, s *primitives.Service) error {
	if s.Auth == nil {
		s.Auth = blocks.TokenAuthenticator{}
	}
	if _, ok := s.Auth.(blocks.TokenAuthenticator); ok && blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets) == nil {
		return ErrAuthSecrets
	}
	return nil
}

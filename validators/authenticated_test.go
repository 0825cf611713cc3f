package validators_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/validators"
)

// A route guarded by the library's validators authenticates with the
// reference's tokens even when no feature's setup installed an
// authenticator (Service.Auth nil).
func TestIsAuthenticatedWithoutSetupUsesTheReferenceTokens(t *testing.T) {
	secrets := primitives.AuthSecrets{Enc: "0123456789abcdefghij", Sign: "abcdefghij0123456789"}
	svc := &primitives.Service{Config: primitives.Config{AuthSecrets: secrets}, Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(context.Background(), echoRoute("GET", "/me/{id}", validators.IsAuthenticated))
	if err != nil {
		t.Fatal(err)
	}
	claims := token.NewUserAccess("identity-1", blocks.Origin{IP: "192.0.2.1"}, "example.com").Stamp(time.Now(), time.Minute)
	tok, err := blocks.CodecFor(secrets).Issue(claims)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	c.Get("/me/1", blockyardtest.WithBearer(tok)).ExpectStatus(t, 200)
	c.Get("/me/1").ExpectError(t, 401, "token could not be verified")
}

package routes_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/routes"
)

// A Config with an unknown AuthMode or SameSite is refused at Mount by
// every setup of the built-in routes, naming the field, whatever the
// authenticator; before, it was silently taken for the default.
func TestMountRefusesAnInvalidConfig(t *testing.T) {
	db := blockyardtest.Database(t)
	secrets := nodeblocks.AuthSecrets{Enc: "an-encryption-secret-of-18+-chars", Sign: "a-signing-secret-of-18+-characters"}
	own := primitives.AuthenticatorFunc(func(*primitives.Request) (*primitives.Principal, error) { return nil, nil })
	bad := []struct {
		c     nodeblocks.Config
		field string
	}{
		{nodeblocks.Config{AuthSecrets: secrets, AuthMode: "Cookie"}, "Config.AuthMode"},
		{nodeblocks.Config{AuthSecrets: secrets, AuthMode: nodeblocks.AuthCookie, Cookie: nodeblocks.CookieOptions{SameSite: "strct"}}, "Config.Cookie.SameSite"},
	}
	for _, rt := range []primitives.Route{routes.Login, routes.CreateOrganization, routes.CreateChangeRequest, routes.GetProfile} {
		for _, b := range bad {
			for _, auth := range []primitives.Authenticator{nil, own} {
				svc := &primitives.Service{DB: db, Settings: []any{b.c}, Auth: auth, Logger: slog.New(slog.DiscardHandler)}
				_, err := svc.Mount(t.Context(), rt)
				var ce *nodeblocks.ConfigError
				if !errors.As(err, &ce) || ce.Field != b.field {
					t.Errorf("%s %s with Auth %T: Mount = %v, want a ConfigError naming %s", rt.Method, rt.Path, auth, err, b.field)
				}
			}
		}
		good := nodeblocks.Config{AuthSecrets: secrets, AuthMode: nodeblocks.AuthCookie, Cookie: nodeblocks.CookieOptions{SameSite: "Lax"}}
		svc := &primitives.Service{DB: db, Settings: []any{good}, Logger: slog.New(slog.DiscardHandler)}
		if _, err := svc.Mount(t.Context(), rt); err != nil {
			t.Errorf("%s %s with a valid Config: %v", rt.Method, rt.Path, err)
		}
	}
}

package nodeblocks_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestConfigNamesToValues(t *testing.T) {
	c := nodeblocks.Config{OrganizationRoles: nodeblocks.OrganizationRoles{Owner: "OWNER"}}.Defaults()
	if c.OrganizationRoles.Value("owner") != "OWNER" || c.OrganizationRoles.Value("member") != "member" || c.OrganizationRoles.Value("boss") != "" {
		t.Errorf("roles %+v", c.OrganizationRoles)
	}
	if c.IdentityTypes.ID("admin") != "100" || c.IdentityTypes.ID("regular") != "001" || c.IdentityTypes.ID("100") != "" {
		t.Errorf("types %+v", c.IdentityTypes)
	}
}

func TestSettingsOfAnUnconfiguredServiceAreTheDefaults(t *testing.T) {
	got := nodeblocks.Settings.Of(&primitives.Service{})
	if got != (nodeblocks.Config{}).Defaults() || got.AuthMode != nodeblocks.AuthBearer || got.Collections.Organizations != "organizations" {
		t.Errorf("defaults %+v", got)
	}
}

func TestTypedCollectionsBeforeAndAfterMount(t *testing.T) {
	svc := &primitives.Service{DB: blockyardtest.Database(t), Settings: []any{
		nodeblocks.Config{Collections: nodeblocks.Collections{Organizations: "orgs"}},
	}}
	check := func(when string) {
		if got := nodeblocks.Organizations(svc).Name(); got != "orgs" {
			t.Errorf("%s: Organizations() = %q, want orgs", when, got)
		}
		if got := nodeblocks.Profiles(svc).Name(); got != "profiles" {
			t.Errorf("%s: Profiles() = %q, want the reference's profiles", when, got)
		}
	}
	check("before Mount")
	if _, err := svc.Mount(context.Background()); err != nil {
		t.Fatal(err)
	}
	check("after Mount")
}

// An unknown AuthMode or SameSite used to be taken for the default without
// a word; Validate names the field, the value and what is accepted.
func TestConfigValidate(t *testing.T) {
	cases := []struct {
		name string
		c    nodeblocks.Config
		want string // "" = valid
	}{
		{"zero", nodeblocks.Config{}, ""},
		{"cookie", nodeblocks.Config{AuthMode: nodeblocks.AuthCookie, Cookie: nodeblocks.CookieOptions{SameSite: "none"}}, ""},
		{"SameSite in another case", nodeblocks.Config{Cookie: nodeblocks.CookieOptions{SameSite: "Lax"}}, ""},
		{"AuthMode", nodeblocks.Config{AuthMode: "Cookie"},
			`nodeblocks: Config.AuthMode is "Cookie"; want one of: bearer, cookie`},
		{"SameSite", nodeblocks.Config{AuthMode: nodeblocks.AuthCookie, Cookie: nodeblocks.CookieOptions{SameSite: "strct"}},
			`nodeblocks: Config.Cookie.SameSite is "strct"; want one of: strict, lax, none`},
		{"lifetime", nodeblocks.Config{AccessTokenLifetime: -time.Minute},
			`nodeblocks: Config.AccessTokenLifetime is -1m0s; want more than 0`},
		{"attempts", nodeblocks.Config{MaxFailedLoginAttempts: -1},
			`nodeblocks: Config.MaxFailedLoginAttempts is -1; want at least 1`},
	}
	for _, tc := range cases {
		err := tc.c.Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("%s: %v\nwant %s", tc.name, err, tc.want)
		}
		var ce *nodeblocks.ConfigError
		if tc.want != "" && !errors.As(err, &ce) {
			t.Errorf("%s: %T, want *ConfigError", tc.name, err)
		}
	}
}

package features_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/routes"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// Mounting runs every feature's setup (index creation); it must be
// idempotent: a restarted service, two services on one database, and single
// features mounted one by one all set up the same indexes again.
func TestMountingTwiceOnOneDatabase(t *testing.T) {
	db := blockyardtest.Database(t)
	all := func() []primitives.Mountable {
		return []primitives.Mountable{features.Auth(), features.Identities(), features.Organizations(), features.Profiles()}
	}
	for i := range 2 {
		svc := &primitives.Service{DB: db, Settings: []any{orgTestConfig}, Logger: slog.New(slog.DiscardHandler)}
		if _, err := svc.Mount(t.Context(), all()...); err != nil {
			t.Fatalf("mount %d: %v", i+1, err)
		}
	}
	svc := &primitives.Service{DB: db, Settings: []any{orgTestConfig}, Logger: slog.New(slog.DiscardHandler)}
	for _, f := range []primitives.Mountable{routes.GetOrganization, routes.UpsertOrganizationMembers, routes.ListFollowers, routes.Login} {
		if _, err := svc.Mount(t.Context(), f); err != nil {
			t.Fatalf("mounting %s alone: %v", f.Bundle().Name, err)
		}
	}

	want := map[string][]string{
		"identities":                 {"id_1", "email_1"},
		"refreshtokens":              {"jti_1", "id_1"},
		"onetimetokens":              {"token_1"},
		"organizations":              {"id_1", "members.identityId_1", "ancestors_1"},
		"profiles":                   {"id_1", "organizationFollows.followOrganizationId_1"},
		"organizationChangeRequests": {"id_1", "organizationId_1"},
	}
	for coll, names := range want {
		cur, err := db.Collection(coll).Indexes().List(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var specs []bson.M
		if err := cur.All(t.Context(), &specs); err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, s := range specs {
			have[s["name"].(string)] = true
		}
		for _, n := range names {
			if !have[n] {
				t.Errorf("%s: index %s missing (have %v)", coll, n, have)
			}
		}
	}
}

// Secrets the reference would refuse at every request are refused at
// mount, by every feature that authenticates, unless the service brings its
// own authenticator.
func TestMountRefusesShortSecrets(t *testing.T) {
	db := blockyardtest.Database(t)
	short := nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: "short", Sign: "0123456789abcdefghij"}}
	for _, f := range []primitives.Mountable{features.Auth(), features.Organizations(), features.Profiles(), routes.GetLogoUploadURL, routes.CreateChangeRequest, routes.ListFollowers} {
		svc := &primitives.Service{DB: db, Settings: []any{short}, Logger: slog.New(slog.DiscardHandler)}
		if _, err := svc.Mount(t.Context(), f); !errors.Is(err, routes.ErrAuthSecrets) {
			t.Errorf("mounting %s with a short secret: %v, want ErrAuthSecrets", f.Bundle().Name, err)
		}
	}
	// The reference's tokens named explicitly, as a value or a pointer.
	for _, auth := range []primitives.Authenticator{blocks.TokenAuthenticator{}, &blocks.TokenAuthenticator{}} {
		svc := &primitives.Service{DB: db, Settings: []any{short}, Auth: auth, Logger: slog.New(slog.DiscardHandler)}
		if _, err := svc.Mount(t.Context(), features.Auth()); !errors.Is(err, routes.ErrAuthSecrets) {
			t.Errorf("mounting with Auth %T and a short secret: %v, want ErrAuthSecrets", auth, err)
		}
	}
	own := primitives.AuthenticatorFunc(func(*primitives.Request) (*primitives.Principal, error) { return nil, nil })
	svc := &primitives.Service{DB: db, Settings: []any{short}, Auth: own, Logger: slog.New(slog.DiscardHandler)}
	api, err := svc.Mount(t.Context(), features.Auth(), features.Organizations())
	if err != nil {
		t.Fatalf("a service with its own authenticator: %v", err)
	}
	// An authenticator that establishes nobody refuses: no route takes the
	// request for an app's (logout used to answer 500).
	c := blockyardtest.NewClient(t, api)
	c.Post("/auth/logout", map[string]any{}).ExpectError(t, 401, "token could not be verified")
	c.Get("/organizations").ExpectError(t, 401, "token could not be verified")
}

// The default authenticator is chosen in one place, when a request is
// authenticated (validators.Principal), not installed by the features'
// setups: mounting every feature leaves Service.Auth as the host set it,
// and the features' routes authenticate with the reference's tokens.
func TestMountLeavesServiceAuthAsSet(t *testing.T) {
	f := newOrgFixture(t, features.Auth(), features.Identities(), features.Profiles())
	if f.Service.Auth != nil {
		t.Errorf("Service.Auth after Mount = %T, want nil", f.Service.Auth)
	}
	f.Admin.Get("/identities").ExpectStatus(t, 200)
	f.Anonymous.Get("/identities").ExpectError(t, 401, "token could not be verified")
}

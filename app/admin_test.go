package app

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// adminTestConfig is the configuration of the admin tests' services.
var adminTestConfig = nodeblocks.Config{
	AuthSecrets:   nodeblocks.AuthSecrets{Enc: "server-test-enc-secret-0123", Sign: "server-test-sign-secret-0123"},
	IdentityTypes: nodeblocks.IdentityTypes{Admin: "100", Guest: "000", Regular: "001"},
}

// The attack -create-admin must resist: someone registers the operator's
// e-mail before the operator runs it. The operator's password does not
// match, so the identity is not promoted and the command fails with a way
// out; -promote then promotes deliberately.
func TestCreateAdminRefusesAPreRegisteredEmail(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := blockyardtest.Database(t)
	api := &primitives.Service{DB: db, Settings: []any{adminTestConfig}}
	h, err := api.Mount(ctx, features.Auth(), features.Identities())
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	// Each command runs on its own service, as the CLI does.
	cli := func() *primitives.Service {
		return &primitives.Service{DB: db, Settings: []any{adminTestConfig}, Logger: log}
	}
	login := func(email, password string) *blockyardtest.Client {
		t.Helper()
		tk := c.Post("/auth/login", map[string]string{"email": email, "password": password}).ExpectStatus(t, http.StatusOK).Map()["accessToken"].(string)
		return c.With(blockyardtest.WithBearer(tk))
	}
	register := func(email, password string) {
		t.Helper()
		c.Post("/auth/register", map[string]string{"email": email, "password": password}).ExpectStatus(t, http.StatusCreated)
	}

	register("admin@example.com", "attacker-password")
	err = CreateAdmin(ctx, cli(), "admin@example.com", "operator-password")
	if err == nil || !strings.Contains(err.Error(), "NOT promoted") || !strings.Contains(err.Error(), "-promote admin@example.com") {
		t.Fatalf("createAdmin over a squatted e-mail: %v", err)
	}
	attacker := login("admin@example.com", "attacker-password")
	attacker.Get("/identities").ExpectError(t, http.StatusForbidden, "Invalid identity type ID")
	c.Post("/auth/login", map[string]string{"email": "admin@example.com", "password": "operator-password"}).ExpectError(t, http.StatusUnauthorized, "wrong credentials provided")

	// Without ADMIN_PASSWORD and without a terminal there is no silent
	// promotion either.
	if err := createAdmin(ctx, cli(), "admin@example.com", "", strings.NewReader("")); !errors.Is(err, errNotTerminal) {
		t.Fatalf("createAdmin without a password: %v", err)
	}
	attacker.Get("/identities").ExpectError(t, http.StatusForbidden, "Invalid identity type ID")

	// Its own password promotes an existing identity.
	register("member@example.com", "member-password")
	if err := CreateAdmin(ctx, cli(), "member@example.com", "member-password"); err != nil {
		t.Fatal(err)
	}
	login("member@example.com", "member-password").Get("/identities").ExpectStatus(t, http.StatusOK)

	// Created, then harmless when run again.
	if err := CreateAdmin(ctx, cli(), "root@example.com", "root-password"); err != nil {
		t.Fatal(err)
	}
	if err := CreateAdmin(ctx, cli(), "root@example.com", "root-password"); err != nil {
		t.Fatal(err)
	}
	root := login("root@example.com", "root-password")
	root.Get("/identities").ExpectStatus(t, http.StatusOK)

	// -promote: no password, a loud warning, never a creation.
	if err := Promote(ctx, cli(), "nobody@example.com"); err == nil || !strings.Contains(err.Error(), "no identity has the e-mail nobody@example.com") {
		t.Fatalf("promote unknown: %v", err)
	}
	c.Post("/auth/login", map[string]string{"email": "nobody@example.com", "password": "x"}).ExpectError(t, http.StatusUnauthorized, "wrong credentials provided")
	if err := Promote(ctx, cli(), "admin@example.com"); err != nil {
		t.Fatal(err)
	}
	attacker.Get("/identities").ExpectStatus(t, http.StatusOK)
	if err := Promote(ctx, cli(), "admin@example.com"); err != nil {
		t.Fatal(err)
	}

	got := logs.String()
	for _, want := range []string{
		`"msg":"identity promoted to administrator: the password given is its password"`,
		`"msg":"administrator created"`,
		`"msg":"identity is already an administrator; password unchanged"`,
		`"level":"WARN","msg":"identity promoted to administrator WITHOUT a password check`,
		`"msg":"identity is already an administrator",`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "@example.com") || strings.Contains(got, "-password") {
		t.Errorf("log leaks an e-mail or a password:\n%s", got)
	}
}

func TestParseConfigPromote(t *testing.T) {
	none := func(string) string { return "" }
	c, err := parseConfig([]string{"-promote", "a@b.c"}, none)
	if err != nil || c.Promote != "a@b.c" || c.CreateAdmin != "" {
		t.Fatalf("config %+v, %v", c, err)
	}
	if _, err := parseConfig([]string{"-promote", "a@b.c", "-create-admin", "a@b.c"}, none); err == nil {
		t.Error("-promote with -create-admin must be refused")
	}
}

package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives"
)

// createAdmin creates the administrator with e-mail email or, when the
// e-mail is already registered, promotes that identity (keeping its
// password). No HTTP route can make the first administrator, since only
// administrators can change an identity's type, so deployments run this
// once: it is idempotent.
//
// A new administrator's password comes from ADMIN_PASSWORD, or is prompted
// for when stdin is a terminal; it is never taken from a flag, where other
// users of the machine could read it in the process list. Promotion needs
// no password.
func createAdmin(ctx context.Context, svc *primitives.Service, email, password string, stdin io.Reader, log *slog.Logger) error {
	// Mounting runs the auth features' setup: the unique e-mail index that
	// makes concurrent creations safe.
	if _, err := svc.Mount(ctx, features.Auth()); err != nil {
		return err
	}
	identities := svc.Collection(svc.Collections.Identities)
	existing, err := blocks.FindIdentityByEmail(ctx, identities, email).Get()
	if err != nil {
		return err
	}
	prev, found := existing.Get()
	switch {
	case password != "":
	case found:
		// Promotion keeps the identity's password, so none is needed. Should
		// the identity be deleted before EnsureAdmin runs, the admin it then
		// creates gets this password that nobody knows: an unusable account
		// is the safe outcome of that race.
		password = rand.Text()
	default:
		if password, err = promptPassword(ctx, stdin, email); err != nil {
			return err
		}
	}
	spec := blocks.AdminSpec{Email: email, Password: password, AdminTypeID: svc.Config.IdentityTypes.Admin}
	idn, err := blocks.EnsureAdmin(ctx, identities, spec, svc.Now(), svc.ID).Get()
	if err != nil {
		return fmt.Errorf("create admin: %w", err)
	}
	switch {
	case !found:
		log.Info("administrator created", "identityId", idn.ID)
	case prev.Type() == spec.AdminTypeID:
		log.Info("identity is already an administrator; password unchanged", "identityId", idn.ID)
	default:
		log.Info("identity promoted to administrator; password unchanged", "identityId", idn.ID)
	}
	return nil
}

// promptPassword asks for the password on a terminal, without echo where
// the platform allows it (see readPassword).
func promptPassword(ctx context.Context, stdin io.Reader, email string) (string, error) {
	f, ok := stdin.(*os.File)
	if !ok {
		return "", errNotTerminal
	}
	pw, err := readPassword(ctx, f, "Password for "+email+": ")
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", errors.New("empty password")
	}
	return pw, nil
}

// errNotTerminal: there is no terminal to prompt on.
var errNotTerminal = errors.New("set ADMIN_PASSWORD (stdin is not a terminal to prompt on)")

// readLine reads one line without its line ending.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// CreateAdmin creates the administrator with e-mail email in svc's
// database, or promotes the identity that already has it when password is
// that identity's own (see blocks.EnsureAdmin). No HTTP route can make the
// first administrator, since only administrators can change an identity's
// type, so deployments run this once (-create-admin): it is idempotent.
// The administrator's type id is the one of svc's nodeblocks.Config; the
// outcome is logged to svc.Logger (the e-mail is not).
//
// The password is always required: since anyone can register any e-mail
// (e-mails are not verified), an existing identity that is not an
// administrator is promoted only when the password matches, and otherwise
// refused with an error explaining -promote. -create-admin takes it from
// ADMIN_PASSWORD or prompts for it on a terminal, never from a flag, where
// other users of the machine could read it in the process list.
func CreateAdmin(ctx context.Context, svc *primitives.Service, email, password string) error {
	return createAdmin(ctx, svc, email, password, nil)
}

// createAdmin is CreateAdmin prompting on stdin for an empty password.
func createAdmin(ctx context.Context, svc *primitives.Service, email, password string, stdin io.Reader) error {
	log := serviceLogger(svc)
	identities, err := mountIdentities(ctx, svc)
	if err != nil {
		return err
	}
	if password == "" {
		if password, err = promptPassword(ctx, stdin, email); err != nil {
			return err
		}
	}
	spec := blocks.AdminSpec{Email: email, Password: password, AdminTypeID: domainConfig(svc).IdentityTypes.Admin}
	res, err := blocks.EnsureAdmin(ctx, identities, spec, svc.Now(), svc.ID).Get()
	switch {
	case errors.Is(err, blocks.ErrAdminPasswordMismatch):
		return fmt.Errorf("create admin: %s is already registered, with another password, so it was NOT promoted. "+
			"Anyone can register an e-mail address (they are not verified), so this identity may not be yours: "+
			"check it with GET /api/identities. If it is yours, give its password, or promote it without one "+
			"with -promote %s; otherwise delete it (DELETE /api/identities/{id}) and run -create-admin again", email, email)
	case err != nil:
		return fmt.Errorf("create admin: %w", err)
	}
	switch res.Outcome {
	case blocks.AdminCreated:
		log.Info("administrator created", "identityId", res.Identity.ID)
	case blocks.AdminAlready:
		log.Info("identity is already an administrator; password unchanged", "identityId", res.Identity.ID)
	default:
		log.Info("identity promoted to administrator: the password given is its password", "identityId", res.Identity.ID)
	}
	return nil
}

// Promote gives the administrator type to the existing identity with
// e-mail email in svc's database WITHOUT checking its password
// (blocks.PromoteAdmin): the deliberate promotion (-promote) of an
// identity the operator knows is the right one. It creates nothing: an
// unknown e-mail is an error. It warns loudly on svc.Logger, since e-mails
// are not verified and anyone may have registered this one.
func Promote(ctx context.Context, svc *primitives.Service, email string) error {
	log := serviceLogger(svc)
	identities, err := mountIdentities(ctx, svc)
	if err != nil {
		return err
	}
	res, err := blocks.PromoteAdmin(ctx, identities, email, domainConfig(svc).IdentityTypes.Admin, svc.Now()).Get()
	switch {
	case errors.Is(err, blocks.ErrIdentityNotFound):
		return fmt.Errorf("promote: no identity has the e-mail %s; -create-admin creates one", email)
	case err != nil:
		return fmt.Errorf("promote: %w", err)
	}
	if res.Outcome == blocks.AdminAlready {
		log.Info("identity is already an administrator", "identityId", res.Identity.ID)
		return nil
	}
	log.Warn("identity promoted to administrator WITHOUT a password check: e-mails are not verified, "+
		"so make sure this identity is the one you meant (GET /api/identities/{id})", "identityId", res.Identity.ID)
	return nil
}

// mountIdentities creates the identities indexes (the unique e-mail index
// makes concurrent creations safe) and returns the identities collection.
// The admin commands need no token secrets, so they mount no feature.
func mountIdentities(ctx context.Context, svc *primitives.Service) (*mongo.Collection, error) {
	identities := nodeblocks.Identities(svc)
	if err := blocks.EnsureIdentityIndexes(ctx, identities); err != nil {
		return nil, err
	}
	return identities, nil
}

// serviceLogger is svc's logger, or slog's default.
func serviceLogger(svc *primitives.Service) *slog.Logger {
	if svc.Logger != nil {
		return svc.Logger
	}
	return slog.Default()
}

// promptPassword asks for the password on a terminal, without echo where
// the platform allows it (see readPassword).
func promptPassword(ctx context.Context, stdin io.Reader, email string) (string, error) {
	f, ok := stdin.(*os.File)
	if ok && f == nil {
		ok = false
	}
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
var errNotTerminal = errors.New("set ADMIN_PASSWORD (stdin is not a terminal to prompt on); to promote an existing identity without its password, use -promote")

// readLine reads one line without its line ending.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

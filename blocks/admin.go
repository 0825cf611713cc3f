package blocks

import (
	"context"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrAdminSpec: EnsureAdmin needs an e-mail, a password and the admin type
// (PromoteAdmin an e-mail and the admin type).
var ErrAdminSpec = primitives.NewError(KindAuthInvalidInput, "admin e-mail, password and type id are required")

// ErrAdminPasswordMismatch: EnsureAdmin refused to promote an existing
// identity because the password given is not the identity's. Register is
// open and e-mails are not verified, so whoever registered the e-mail first
// may not be the operator; promoting it anyway would hand the admin type to
// them. PromoteAdmin is the deliberate way to promote without a password.
var ErrAdminPasswordMismatch = primitives.NewError(KindAuthUnauthorized, "an identity with this e-mail already exists with another password")

// AdminSpec names the administrator to ensure.
type AdminSpec struct {
	Email string
	// Password is the new administrator's password when EnsureAdmin creates
	// it. When the e-mail is already registered to an identity that is not
	// an administrator, it must be that identity's password (which is kept
	// as it is); it is not checked for an identity that already is one.
	Password string
	// AdminTypeID is nodeblocks.Config.IdentityTypes.Admin.
	AdminTypeID string
}

// AdminOutcome is what EnsureAdmin or PromoteAdmin did.
type AdminOutcome int

const (
	// AdminCreated: no identity had the e-mail; one was created with the
	// password and the admin type.
	AdminCreated AdminOutcome = iota + 1
	// AdminPromoted: the identity existed without the admin type and got
	// it; its password is unchanged.
	AdminPromoted
	// AdminAlready: the identity already had the admin type; nothing was
	// written.
	AdminAlready
)

// String returns "created", "promoted" or "already admin".
func (o AdminOutcome) String() string {
	switch o {
	case AdminCreated:
		return "created"
	case AdminPromoted:
		return "promoted"
	case AdminAlready:
		return "already admin"
	}
	return "unknown"
}

// AdminResult is the administrator EnsureAdmin or PromoteAdmin ensured, and
// what it did to get there.
type AdminResult struct {
	Identity *Identity
	Outcome  AdminOutcome
}

// EnsureAdmin makes sure an administrator with the e-mail exists, and says
// what it did:
//
//   - no identity has the e-mail → it is created with the password and the
//     admin typeId: AdminCreated;
//   - the identity already has the admin type → nothing changes (the
//     password is neither checked nor changed): AdminAlready;
//   - the identity exists without the admin type and the password is its
//     password → it gets the admin typeId, keeping its password:
//     AdminPromoted;
//   - the identity exists without the admin type and the password is not
//     its password (or it has none, e.g. an OAuth sign-up) → refused with
//     401-kind ErrAdminPasswordMismatch, nothing written. Register is open
//     and e-mails are unverified, so the e-mail may have been registered by
//     someone else; use PromoteAdmin to promote it deliberately.
//
// Missing e-mail, password or type → ErrAdminSpec. It is idempotent and
// safe to run at every start-up and from several processes at once (the
// unique e-mail index turns a lost creation race into AdminAlready).
//
// No HTTP route can grant admin without an existing admin (register never
// sets a type), so a deployment seeds its first administrator with this:
//
//	blocks.EnsureAdmin(ctx, db.Collection("identities"), blocks.AdminSpec{
//		Email: "root@example.com", Password: pw, AdminTypeID: cfg.IdentityTypes.Admin,
//	}, time.Now(), uuid.NewString)
func EnsureAdmin(ctx context.Context, identities *mongo.Collection, spec AdminSpec, now time.Time, newID func() string) mo.Result[AdminResult] {
	if spec.Email == "" || spec.Password == "" || spec.AdminTypeID == "" {
		return mo.Err[AdminResult](ErrAdminSpec)
	}
	for range 2 {
		found, err := FindIdentityByEmail(ctx, identities, spec.Email).Get()
		if err != nil {
			return mo.Err[AdminResult](err)
		}
		if idn, ok := found.Get(); ok {
			if idn.Type() != spec.AdminTypeID && !token.CheckPassword(idn.Password, spec.Password) {
				return mo.Err[AdminResult](ErrAdminPasswordMismatch)
			}
			return promote(ctx, identities, idn, spec.AdminTypeID, now)
		}
		created, err := insertIdentity(ctx, identities, NewIdentity{Email: spec.Email, Password: spec.Password, TypeID: spec.AdminTypeID}, now, newID).Get()
		switch {
		case err == nil:
			return mo.Ok(AdminResult{Identity: created, Outcome: AdminCreated})
		case !IsDuplicateKey(err):
			return mo.Err[AdminResult](err)
		}
		// Another process created it meanwhile: look again.
	}
	return mo.Err[AdminResult](registerError(spec.Email))
}

// PromoteAdmin gives the admin type to the existing identity with the
// e-mail WITHOUT checking its password: AdminPromoted, or AdminAlready when
// it already has the type; 404 "Identity not found" when no identity has
// the e-mail (it creates nothing). It is the deliberate promotion of an
// identity the operator knows to be the right one (its e-mail is not
// verified: anyone may have registered it); EnsureAdmin is the safe default.
func PromoteAdmin(ctx context.Context, identities *mongo.Collection, email, adminTypeID string, now time.Time) mo.Result[AdminResult] {
	if email == "" || adminTypeID == "" {
		return mo.Err[AdminResult](ErrAdminSpec)
	}
	found, err := FindIdentityByEmail(ctx, identities, email).Get()
	if err != nil {
		return mo.Err[AdminResult](err)
	}
	idn, ok := found.Get()
	if !ok {
		return mo.Err[AdminResult](ErrIdentityNotFound)
	}
	return promote(ctx, identities, idn, adminTypeID, now)
}

// promote sets the admin type on idn unless it has it already.
func promote(ctx context.Context, identities *mongo.Collection, idn *Identity, adminTypeID string, now time.Time) mo.Result[AdminResult] {
	if idn.Type() == adminTypeID {
		return mo.Ok(AdminResult{Identity: idn, Outcome: AdminAlready})
	}
	updated, err := setIdentityFields(ctx, identities, idn.ID, bson.D{
		bson.E{Key: "typeId", Value: adminTypeID},
		bson.E{Key: "updatedAt", Value: Timestamp(now)},
	}).Get()
	if err != nil {
		return mo.Err[AdminResult](err)
	}
	return mo.Ok(AdminResult{Identity: updated, Outcome: AdminPromoted})
}

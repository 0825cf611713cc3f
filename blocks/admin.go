package blocks

import (
	"context"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ErrAdminSpec: EnsureAdmin needs an e-mail, a password and the admin type.
var ErrAdminSpec = primitives.NewError(KindAuthInvalidInput, "admin e-mail, password and type id are required")

// AdminSpec names the administrator to ensure.
type AdminSpec struct {
	Email string
	// Password is used only when the identity is created; an existing
	// identity keeps its password.
	Password string
	// AdminTypeID is Config.IdentityTypes.Admin.
	AdminTypeID string
}

// EnsureAdmin makes sure an administrator with the e-mail exists: it
// creates the identity (with the password and the admin typeId) or, when
// the e-mail is already registered, promotes it to admin. It is idempotent
// and safe to run at every start-up and from several processes at once
// (the unique e-mail index turns a lost creation race into a promotion).
//
// No HTTP route can grant admin without an existing admin (register never
// sets a type), so a deployment seeds its first administrator with this:
//
//	blocks.EnsureAdmin(ctx, db.Collection("identities"), blocks.AdminSpec{
//		Email: "root@example.com", Password: pw, AdminTypeID: cfg.IdentityTypes.Admin,
//	}, time.Now(), uuid.NewString)
func EnsureAdmin(ctx context.Context, identities *mongo.Collection, spec AdminSpec, now time.Time, newID func() string) mo.Result[*Identity] {
	if spec.Email == "" || spec.Password == "" || spec.AdminTypeID == "" {
		return mo.Err[*Identity](ErrAdminSpec)
	}
	for range 2 {
		found, err := FindIdentityByEmail(ctx, identities, spec.Email).Get()
		if err != nil {
			return mo.Err[*Identity](err)
		}
		if idn, ok := found.Get(); ok {
			if idn.Type() == spec.AdminTypeID {
				return mo.Ok(idn)
			}
			return setIdentityFields(ctx, identities, idn.ID, bson.D{
				bson.E{Key: "typeId", Value: spec.AdminTypeID},
				bson.E{Key: "updatedAt", Value: Timestamp(now)},
			})
		}
		res := insertIdentity(ctx, identities, NewIdentity{Email: spec.Email, Password: spec.Password, TypeID: spec.AdminTypeID}, now, newID)
		if err := res.Error(); err == nil || !IsDuplicateKey(err) {
			return res
		}
		// Another process created it meanwhile: promote it.
	}
	return mo.Err[*Identity](registerError(spec.Email))
}

package blocks

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/lo"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Identity is a document of the identities collection, shared with Node
// services running the reference. Fields come in the order the reference's
// register writes them (attempts, email, locked, password, createdAt, id,
// updatedAt), then the fields later updates add, so responses list keys in
// the same order.
//
// Password (a bcrypt hash) and Mongo's _id are never marshalled to JSON.
// Fields this type does not model (written by OAuth sign-up, another
// service or a later SDK version) are kept in Extra and returned after the
// known ones.
type Identity struct {
	// MongoID is Mongo's _id; it is never returned.
	MongoID any `bson:"_id,omitempty" json:"-"`

	// Attempts counts failed logins in a row; login resets it.
	Attempts int `bson:"attempts" json:"attempts"`
	// Email is stored exactly as registered; login matches it exactly.
	Email string `bson:"email" json:"email"`
	// Locked refuses login while set, and every request the identity's
	// access tokens make (package validators checks it once per request).
	Locked bool `bson:"locked" json:"locked"`
	// Password is the bcrypt hash; never sent to clients.
	Password  string `bson:"password,omitempty" json:"-"`
	CreatedAt string `bson:"createdAt" json:"createdAt"`
	// ID is the identity id (UUID v4) used in tokens and memberships.
	ID        string `bson:"id" json:"id"`
	UpdatedAt string `bson:"updatedAt" json:"updatedAt"`
	// TypeID is compared with nodeblocks.Config.IdentityTypes; absent after register.
	TypeID        *string `bson:"typeId,omitempty" json:"typeId,omitempty"`
	EmailVerified *bool   `bson:"emailVerified,omitempty" json:"emailVerified,omitempty"`

	// Extra holds the stored fields this type does not model.
	Extra bson.M `bson:",inline" json:"-"`
}

// Type returns the identity's typeId, "" when it has none.
func (i *Identity) Type() string {
	if i == nil {
		return ""
	}
	return lo.FromPtr(i.TypeID)
}

// hiddenIdentityFields are never returned, whether modelled or not.
var hiddenIdentityFields = []string{"_id", "password"}

// MarshalJSON writes the identity without password and _id, with its
// unmodelled fields after the known ones (in key order, since a map has
// none).
func (i Identity) MarshalJSON() ([]byte, error) {
	type plain Identity
	known, err := json.Marshal(plain(i))
	if err != nil {
		return nil, err
	}
	return appendExtraFields(known, i.Extra, hiddenIdentityFields...)
}

// GetIdentityByID loads the identity with the given id: 404 "Identity not
// found" when there is none, 500 "Failed to get identity" when the database
// fails (status errors naming getIdentityById, which validators serialize
// into data.cause).
func GetIdentityByID(ctx context.Context, identities *mongo.Collection, id string) mo.Result[*Identity] {
	return findOneByID[Identity](ctx, identities, id, ErrIdentityNotFound, ErrGetIdentity)
}

// FindIdentityByEmail looks an e-mail up exactly as stored (no trimming or
// case folding, like the reference). It returns None when no identity has
// it, so that callers decide what an unknown e-mail means.
func FindIdentityByEmail(ctx context.Context, identities *mongo.Collection, email string) mo.Result[mo.Option[*Identity]] {
	var idn Identity
	err := identities.FindOne(ctx, bson.D{bson.E{Key: "email", Value: email}}).Decode(&idn)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Ok(mo.None[*Identity]())
	case err != nil:
		return mo.Err[mo.Option[*Identity]](ErrFindIdentity.Wrap(err))
	}
	return mo.Ok(mo.Some(&idn))
}

// NewIdentity describes an identity to create.
type NewIdentity struct {
	Email string
	// Password is the clear-text password; only its bcrypt hash is stored.
	Password string
	// TypeID is the identity type; "" leaves typeId absent, as register does.
	TypeID string
}

// CreateIdentity registers an identity: 422-kind `unable to register
// "<email>"` when the e-mail is taken (also when a concurrent registration
// wins the race, thanks to the unique e-mail index), otherwise it stores
// {attempts: 0, email, locked: false, password: bcrypt, createdAt, id,
// updatedAt[, typeId]} and returns it.
func CreateIdentity(ctx context.Context, identities *mongo.Collection, in NewIdentity, now time.Time, newID func() string) mo.Result[*Identity] {
	existing, err := FindIdentityByEmail(ctx, identities, in.Email).Get()
	if err != nil {
		return mo.Err[*Identity](err)
	}
	if existing.IsPresent() {
		return mo.Err[*Identity](registerError(in.Email))
	}
	return insertIdentity(ctx, identities, in, now, newID)
}

// insertIdentity hashes the password and inserts the document.
func insertIdentity(ctx context.Context, identities *mongo.Collection, in NewIdentity, now time.Time, newID func() string) mo.Result[*Identity] {
	hash, err := token.HashPassword(in.Password)
	if err != nil {
		return mo.Err[*Identity](createIdentityError(in.Email).Wrap(err))
	}
	ts := Timestamp(now)
	idn := &Identity{Attempts: 0, Email: in.Email, Locked: false, Password: hash, CreatedAt: ts, ID: newID(), UpdatedAt: ts}
	if in.TypeID != "" {
		idn.TypeID = &in.TypeID
	}
	if _, err := identities.InsertOne(ctx, idn); err != nil {
		if IsDuplicateKey(err) {
			return mo.Err[*Identity](registerError(in.Email).Wrap(err))
		}
		return mo.Err[*Identity](createIdentityError(in.Email).Wrap(err))
	}
	idn.MongoID = nil
	return mo.Ok(idn)
}

// ListIdentities returns one page of identities in natural order, without
// their password hashes.
func ListIdentities(ctx context.Context, identities *mongo.Collection, page primitives.Page) mo.Result[primitives.Paged[Identity]] {
	proj := options.Find().SetProjection(bson.D{bson.E{Key: "password", Value: 0}})
	p, err := primitives.FindPage[Identity](ctx, identities, bson.D{}, page, proj)
	if err != nil {
		return mo.Err[primitives.Paged[Identity]](ErrListIdentities.Wrap(err))
	}
	return mo.Ok(p)
}

// IdentityPatch is an admin's change to an identity; nil fields are kept.
type IdentityPatch struct {
	Email         *string `json:"email"`
	EmailVerified *bool   `json:"emailVerified"`
	TypeID        *string `json:"typeId"`
}

// IsEmpty reports whether the patch changes nothing.
func (p IdentityPatch) IsEmpty() bool {
	return p.Email == nil && p.EmailVerified == nil && p.TypeID == nil
}

// UpdateIdentity applies an admin's patch and returns the updated identity:
// 400-kind "Identity data is required" for an empty patch, 404 when the
// identity does not exist, 409-kind when the new e-mail belongs to another
// identity (unique index).
func UpdateIdentity(ctx context.Context, identities *mongo.Collection, id string, patch IdentityPatch, now time.Time) mo.Result[*Identity] {
	if patch.IsEmpty() {
		return mo.Err[*Identity](ErrIdentityDataRequired)
	}
	set := bson.D{}
	if patch.Email != nil {
		set = append(set, bson.E{Key: "email", Value: *patch.Email})
	}
	if patch.EmailVerified != nil {
		set = append(set, bson.E{Key: "emailVerified", Value: *patch.EmailVerified})
	}
	if patch.TypeID != nil {
		set = append(set, bson.E{Key: "typeId", Value: *patch.TypeID})
	}
	set = append(set, bson.E{Key: "updatedAt", Value: Timestamp(now)})
	return setIdentityFields(ctx, identities, id, set)
}

// setIdentityFields $sets fields on the identity and returns the document
// after the update. Like every write to an identity document it holds the
// document's in-process lock (see ResetLoginAttempts for why).
func setIdentityFields(ctx context.Context, identities *mongo.Collection, id string, set bson.D) mo.Result[*Identity] {
	var idn Identity
	unlock := lockDocument(identities, id)
	err := identities.FindOneAndUpdate(ctx, byID(id),
		bson.D{bson.E{Key: "$set", Value: set}},
		options.FindOneAndUpdate().SetReturnDocument(options.After),
	).Decode(&idn)
	unlock()
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[*Identity](ErrIdentityNotFound.Wrap(err))
	case IsDuplicateKey(err):
		return mo.Err[*Identity](ErrEmailTaken.Wrap(err))
	case err != nil:
		return mo.Err[*Identity](ErrUpdateIdentity.Wrap(err))
	}
	return mo.Ok(&idn)
}

// DeleteIdentity removes the identity document; 404 when there is none.
// It touches nothing else: the DELETE /identities/{id} route then ends the
// identity's sessions with RevokeIdentitySessions (the reference left them
// alive), while memberships stay. Access tokens already issued are refused
// from the moment the document is gone, because package validators load
// the caller's identity on every request that authenticates a user; and a
// login or refresh running concurrently re-reads the identity after
// storing its refresh token (ConfirmSession), so nothing it issues
// survives. Call it BEFORE RevokeIdentitySessions: that order is what
// ConfirmSession's argument relies on.
func DeleteIdentity(ctx context.Context, identities *mongo.Collection, id string) mo.Result[string] {
	unlock := lockDocument(identities, id)
	res, err := identities.DeleteOne(ctx, byID(id))
	unlock()
	if err != nil {
		return mo.Err[string](ErrDeleteIdentity.Wrap(err))
	}
	if res.DeletedCount == 0 {
		return mo.Err[string](ErrIdentityNotFound)
	}
	return mo.Ok(id)
}

// LockIdentity sets locked, so that login refuses the identity even with
// the right password; 404 when it does not exist. It touches only the
// identity: the POST /identities/{id}/lock route then ends its sessions
// with RevokeIdentitySessions (the reference left them alive). Access
// tokens already issued are refused from then on with 401 "This account
// is locked" (the reference let them work until they expired): package
// validators check the caller's identity on every request that
// authenticates a user. A login racing the lock cannot undo it
// (ResetLoginAttempts is guarded by locked ≠ true), and a login or refresh
// running concurrently re-reads the identity after storing its refresh
// token (ConfirmSession). Call it BEFORE RevokeIdentitySessions: that
// order is what ConfirmSession's argument relies on.
func LockIdentity(ctx context.Context, identities *mongo.Collection, id string, now time.Time) mo.Result[*Identity] {
	return setIdentityFields(ctx, identities, id, bson.D{
		bson.E{Key: "locked", Value: true},
		bson.E{Key: "updatedAt", Value: Timestamp(now)},
	})
}

// UnlockIdentity clears locked and the failed-login counter (otherwise the
// next wrong password would lock the identity again at once); 404 when it
// does not exist. Refresh tokens revoked by the lock stay revoked; access
// tokens issued before the lock that have not expired yet (at most
// nodeblocks.Config.AccessTokenLifetime old) are accepted again.
func UnlockIdentity(ctx context.Context, identities *mongo.Collection, id string, now time.Time) mo.Result[*Identity] {
	return setIdentityFields(ctx, identities, id, bson.D{
		bson.E{Key: "attempts", Value: 0},
		bson.E{Key: "locked", Value: false},
		bson.E{Key: "updatedAt", Value: Timestamp(now)},
	})
}

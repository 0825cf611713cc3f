package blocks

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Credentials are what a client logs in with.
type Credentials struct {
	Email    string
	Password string
}

// dummyHash is compared against when the e-mail is unknown, so that an
// unknown e-mail costs the same bcrypt work as a wrong password and login
// timing does not reveal which e-mails are registered.
// It is computed on first use, not at start-up.
var dummyHash = sync.OnceValue(func() string {
	h, _ := token.HashPassword("blockyard: no such identity")
	return h
})

// LockedNow is the private cause of ErrWrongCredentials when that failed
// attempt is the one that locked the identity: the client sees the usual
// 401, while the route can log the security event once (errors.As).
type LockedNow struct{ IdentityID string }

// Error implements error.
func (e *LockedNow) Error() string {
	return "identity " + e.IdentityID + " locked after too many failed logins"
}

// Login checks credentials the reference's way and returns the identity:
//
//   - unknown e-mail or wrong password → 401-kind "wrong credentials
//     provided"; for a known e-mail the failed attempt is counted (see
//     RecordFailedLogin) and may lock the identity (the error then wraps
//     a *LockedNow);
//   - right password of a locked identity → 401-kind "This account is
//     locked" (nothing is counted or reset);
//   - right password → the counter is reset (attempts 0), unless the
//     identity was locked meanwhile: see ResetLoginAttempts, which never
//     clears a lock.
//
// maxAttempts ≤ 0 never locks.
func Login(ctx context.Context, identities *mongo.Collection, c Credentials, maxAttempts int, now time.Time) mo.Result[*Identity] {
	found, err := FindIdentityByEmail(ctx, identities, c.Email).Get()
	if err != nil {
		return mo.Err[*Identity](err)
	}
	idn, ok := found.Get()
	if !ok {
		token.CheckPassword(dummyHash(), c.Password)
		return mo.Err[*Identity](ErrWrongCredentials)
	}
	if !token.CheckPassword(idn.Password, c.Password) {
		lockedNow, err := RecordFailedLogin(ctx, identities, idn.ID, maxAttempts, now).Get()
		if err != nil {
			return mo.Err[*Identity](err)
		}
		if lockedNow {
			return mo.Err[*Identity](ErrWrongCredentials.Wrap(&LockedNow{IdentityID: idn.ID}))
		}
		return mo.Err[*Identity](ErrWrongCredentials)
	}
	if idn.Locked {
		return mo.Err[*Identity](ErrAccountLocked)
	}
	return ResetLoginAttempts(ctx, identities, idn, now)
}

// RecordFailedLogin counts one failed login of the identity and locks it
// when the count reaches maxAttempts (if maxAttempts > 0). It reports
// whether THIS call locked the identity.
//
// Concurrency: the count is an atomic $inc, so no failed attempt is lost
// however many run at once (the reference reads, adds one and writes back,
// and loses updates under concurrency). The lock is a separate update
// guarded by locked ≠ true, so exactly one of any number of concurrent
// calls reaching the threshold sets it (and reports true). Both operators
// are portable; on FerretDB, whose updates are not atomic, the guarantees
// hold within one process (see writeLocks in write_lock.go; it takes the
// lock of the identity document, like every identity write).
func RecordFailedLogin(ctx context.Context, identities *mongo.Collection, id string, maxAttempts int, now time.Time) mo.Result[bool] {
	defer lockDocument(identities, id)()
	ts := Timestamp(now)
	var after struct {
		Attempts int `bson:"attempts"`
	}
	err := identities.FindOneAndUpdate(ctx, byID(id),
		bson.D{
			bson.E{Key: "$inc", Value: bson.D{bson.E{Key: "attempts", Value: 1}}},
			bson.E{Key: "$set", Value: bson.D{bson.E{Key: "updatedAt", Value: ts}}},
		},
		options.FindOneAndUpdate().SetReturnDocument(options.After),
	).Decode(&after)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Ok(false) // deleted meanwhile: nothing to count
	case err != nil:
		return mo.Err[bool](ErrUpdateLoginAttempts.Wrap(err))
	}
	if maxAttempts <= 0 || after.Attempts < maxAttempts {
		return mo.Ok(false)
	}
	res, err := identities.UpdateOne(ctx, notLocked(id),
		bson.D{bson.E{Key: "$set", Value: bson.D{
			bson.E{Key: "locked", Value: true},
			bson.E{Key: "updatedAt", Value: ts},
		}}},
	)
	if err != nil {
		return mo.Err[bool](ErrUpdateLoginAttempts.Wrap(err))
	}
	return mo.Ok(res.ModifiedCount == 1)
}

// resetRounds bounds ResetLoginAttempts' attempts: a round is lost only
// when the identity was locked and unlocked again between its guarded
// update and its re-read.
const resetRounds = 3

// ResetLoginAttempts records a successful login: attempts 0, as the
// reference does. It never clears a lock: the update is guarded by
// locked ≠ true, so an administrator's lock (or a lockout) that lands
// after the password check wins over the login. (It also $sets locked
// false, which the guard makes a no-op but for an identity without the
// field, so that stored documents look like the reference's.) It returns
// the identity as it now is.
//
// When the guarded update matches nothing the identity is read again:
// locked → 401-kind "This account is locked" (ErrAccountLocked); gone →
// 401-kind "wrong credentials provided", as for an unknown e-mail.
//
// On MongoDB the guard makes this safe across processes (an update of one
// document is atomic). FerretDB 1.24 applies a filtered update as a read
// followed by a whole-document write, which could write back the locked
// value it read; so every write to an identity document takes the
// in-process lock of that document (lockDocument), and the guarantee holds
// within one process there.
func ResetLoginAttempts(ctx context.Context, identities *mongo.Collection, idn *Identity, now time.Time) mo.Result[*Identity] {
	ts := Timestamp(now)
	for range resetRounds {
		var out Identity
		unlock := lockDocument(identities, idn.ID)
		err := identities.FindOneAndUpdate(ctx, notLocked(idn.ID),
			bson.D{bson.E{Key: "$set", Value: bson.D{
				bson.E{Key: "attempts", Value: 0},
				bson.E{Key: "locked", Value: false},
				bson.E{Key: "updatedAt", Value: ts},
			}}},
			options.FindOneAndUpdate().SetReturnDocument(options.After),
		).Decode(&out)
		unlock()
		switch {
		case err == nil:
			return mo.Ok(&out)
		case !errors.Is(err, mongo.ErrNoDocuments):
			return mo.Err[*Identity](ErrUpdateLoginAttempts.Wrap(err))
		}
		found, err := GetIdentityByID(ctx, identities, idn.ID).Get()
		switch {
		case errors.Is(err, ErrIdentityNotFound):
			return mo.Err[*Identity](ErrWrongCredentials)
		case err != nil:
			return mo.Err[*Identity](ErrFindIdentity.Wrap(err))
		case found.Locked:
			return mo.Err[*Identity](ErrAccountLocked)
		}
		// Locked and unlocked again meanwhile: the unlock reset the
		// counter too; record this login once more.
	}
	return mo.Err[*Identity](ErrUpdateLoginAttempts)
}

// notLocked is the filter of the identity id while it is not locked
// (locked false or absent).
func notLocked(id string) bson.D {
	return bson.D{
		bson.E{Key: "id", Value: id},
		bson.E{Key: "locked", Value: bson.D{bson.E{Key: "$ne", Value: true}}},
	}
}

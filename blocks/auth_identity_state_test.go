package blocks_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// stateOf returns the stored attempts and locked of an identity.
func stateOf(t *testing.T, identities *mongo.Collection, id string) (int, bool) {
	t.Helper()
	got, err := blocks.GetIdentityByID(t.Context(), identities, id).Get()
	if err != nil {
		t.Fatal(err)
	}
	return got.Attempts, got.Locked
}

// The reset of a successful login is guarded by locked ≠ true: it never
// clears a lock that landed after the password check, and answers as a
// login after the lock (or the delete) would have.
func TestResetLoginAttemptsNeverClearsALock(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	ctx := t.Context()
	idn := authRegister(t, identities, "reset@example.com", "right")
	for range 2 {
		if _, err := blocks.RecordFailedLogin(ctx, identities, idn.ID, 5, authNow).Get(); err != nil {
			t.Fatal(err)
		}
	}

	// Not locked: the counter is reset and the stored identity returned.
	later := authNow.Add(time.Second)
	got, err := blocks.ResetLoginAttempts(ctx, identities, idn, later).Get()
	if err != nil || got.ID != idn.ID || got.Attempts != 0 || got.Locked || got.UpdatedAt != blocks.Timestamp(later) {
		t.Fatalf("reset = %+v, %v", got, err)
	}

	// Locked after the caller read idn (which still says unlocked).
	for range 2 {
		if _, err := blocks.RecordFailedLogin(ctx, identities, idn.ID, 5, authNow).Get(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := blocks.LockIdentity(ctx, identities, idn.ID, authNow).Get(); err != nil {
		t.Fatal(err)
	}
	_, err = blocks.ResetLoginAttempts(ctx, identities, idn, later).Get()
	authErrIs(t, err, blocks.ErrAccountLocked)
	if a, l := stateOf(t, identities, idn.ID); a != 2 || !l {
		t.Fatalf("after a reset of a locked identity: attempts %d locked %v", a, l)
	}

	// Deleted: as for an unknown e-mail.
	if _, err := blocks.DeleteIdentity(ctx, identities, idn.ID).Get(); err != nil {
		t.Fatal(err)
	}
	_, err = blocks.ResetLoginAttempts(ctx, identities, idn, later).Get()
	authErrIs(t, err, blocks.ErrWrongCredentials)
	if n, _ := identities.CountDocuments(ctx, bson.D{bson.E{Key: "id", Value: idn.ID}}); n != 0 {
		t.Fatal("the reset recreated a deleted identity")
	}

	// An identity without the locked field (written by another service)
	// gets locked: false, as the reference writes it.
	if _, err := identities.InsertOne(ctx, bson.D{bson.E{Key: "attempts", Value: 1}, bson.E{Key: "email", Value: "bare@example.com"}, bson.E{Key: "id", Value: "bare"}}); err != nil {
		t.Fatal(err)
	}
	got, err = blocks.ResetLoginAttempts(ctx, identities, &blocks.Identity{ID: "bare"}, later).Get()
	if err != nil || got.Attempts != 0 || got.Locked {
		t.Fatalf("reset of a bare identity = %+v, %v", got, err)
	}
	if raw := authMap(authRaw(t, identities, bson.D{bson.E{Key: "id", Value: "bare"}})); raw["locked"] != false {
		t.Errorf("stored %v", raw)
	}
}

// ConfirmSession alone: it passes a session of an identity that exists and
// is not locked, and otherwise revokes the session's row and answers the
// refusal given.
func TestConfirmSessionRevokesTheRowOfALockedOrDeletedIdentity(t *testing.T) {
	t.Parallel()
	identities, refresh, _ := authDB(t)
	ctx := t.Context()
	codec := blocks.CodecFor(authSecrets)
	lt := blocks.TokenLifetimes{Access: time.Minute, Refresh: time.Hour}
	idn := authRegister(t, identities, "confirm@example.com", "right")
	start := func() blocks.Session {
		t.Helper()
		ses, err := blocks.StartSession(ctx, refresh, codec, blocks.SessionRequest{IdentityID: idn.ID, Origin: authOrigin}, lt, authNow).Get()
		if err != nil {
			t.Fatal(err)
		}
		return ses
	}
	rowDeletedAt := func(jti string) any {
		t.Helper()
		return authMap(authRaw(t, refresh, bson.D{bson.E{Key: "jti", Value: jti}}))["deletedAt"]
	}
	later := authNow.Add(time.Second)

	ses := start()
	if got, err := blocks.ConfirmSession(ctx, identities, refresh, ses, blocks.LoginRefusal(), later).Get(); err != nil || got != ses {
		t.Fatalf("confirm of an active identity = %+v, %v", got, err)
	}
	if d := rowDeletedAt(ses.JTI); d != nil {
		t.Fatalf("an active identity's row was revoked at %v", d)
	}

	check := func(state string, refuse blocks.SessionRefusal, want *primitives.Error) {
		t.Helper()
		ses := start()
		_, err := blocks.ConfirmSession(ctx, identities, refresh, ses, refuse, later).Get()
		authErrIs(t, err, want)
		if d := rowDeletedAt(ses.JTI); d != blocks.Timestamp(later) {
			t.Errorf("%s: row deletedAt %v, want %s", state, d, blocks.Timestamp(later))
		}
	}
	if _, err := blocks.LockIdentity(ctx, identities, idn.ID, authNow).Get(); err != nil {
		t.Fatal(err)
	}
	check("locked", blocks.LoginRefusal(), blocks.ErrAccountLocked)
	check("locked", blocks.RefreshRefusal(), blocks.ErrRefreshTokenReuse)
	if _, err := blocks.DeleteIdentity(ctx, identities, idn.ID).Get(); err != nil {
		t.Fatal(err)
	}
	check("deleted", blocks.LoginRefusal(), blocks.ErrWrongCredentials)
	check("deleted", blocks.RefreshRefusal(), blocks.ErrRefreshTokenReuse)
}

// The linearization ConfirmSession's comment argues, run: a session
// started and confirmed while the identity is locked and its sessions
// revoked (in that order, as the lock route does) either is refused or has
// its row revoked by the lock. Many bounded rounds, without HTTP.
func TestConfirmSessionRacingALockLeavesNoLiveRow(t *testing.T) {
	t.Parallel()
	identities, refresh, _ := authDB(t)
	ctx := t.Context()
	codec := blocks.CodecFor(authSecrets)
	lt := blocks.TokenLifetimes{Access: time.Minute, Refresh: time.Hour}
	refused := 0
	const rounds = 40
	for round := range rounds {
		idn := authRegisterFast(t, identities, round)
		var ses blocks.Session
		var confirmErr error
		var wg sync.WaitGroup
		wg.Go(func() {
			s, err := blocks.StartSession(context.Background(), refresh, codec, blocks.SessionRequest{IdentityID: idn, Origin: authOrigin}, lt, authNow).Get()
			if err != nil {
				t.Error(err)
				return
			}
			ses = s
			_, confirmErr = blocks.ConfirmSession(context.Background(), identities, refresh, s, blocks.LoginRefusal(), authNow).Get()
		})
		wg.Go(func() {
			if _, err := blocks.LockIdentity(context.Background(), identities, idn, authNow).Get(); err != nil {
				t.Error(err)
			}
			if _, err := blocks.RevokeIdentitySessions(context.Background(), refresh, idn, authNow).Get(); err != nil {
				t.Error(err)
			}
		})
		wg.Wait()
		if confirmErr != nil {
			authErrIs(t, confirmErr, blocks.ErrAccountLocked)
			refused++
		}
		if n, _ := refresh.CountDocuments(ctx, bson.D{bson.E{Key: "id", Value: idn}, bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: false}}}}); n != 0 {
			t.Fatalf("round %d: row %s still live (confirm error %v)", round, ses.JTI, confirmErr)
		}
	}
	t.Logf("%d of %d sessions refused by ConfirmSession, the others revoked by the lock", refused, rounds)
}

// authRegisterFast stores an unlocked identity without hashing a password.
func authRegisterFast(t *testing.T, identities *mongo.Collection, n int) string {
	t.Helper()
	id := fmt.Sprintf("fast-%d", n)
	if _, err := identities.InsertOne(t.Context(), bson.D{
		bson.E{Key: "attempts", Value: 0}, bson.E{Key: "email", Value: id + "@example.com"}, bson.E{Key: "locked", Value: false},
		bson.E{Key: "id", Value: id},
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// CheckTokenIdentity refuses a user access token whose identity is locked
// or gone, and passes one-time tokens' data.
func TestCheckTokenIdentity(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	ctx := t.Context()
	id := authRegisterFast(t, identities, 0)
	info := blocks.TokenInfo{IdentityID: id}
	if got, err := blocks.CheckTokenIdentity(ctx, identities, info).Get(); err != nil || got.IdentityID != id {
		t.Fatalf("active: %+v, %v", got, err)
	}
	if got, err := blocks.CheckTokenIdentity(ctx, identities, blocks.TokenInfo{Data: []byte(`{"a":1}`)}).Get(); err != nil || string(got.Data) != `{"a":1}` {
		t.Fatalf("one-time: %+v, %v", got, err)
	}
	if _, err := blocks.LockIdentity(ctx, identities, id, authNow).Get(); err != nil {
		t.Fatal(err)
	}
	_, err := blocks.CheckTokenIdentity(ctx, identities, info).Get()
	authErrIs(t, err, blocks.ErrAccountLocked)
	if _, err := blocks.DeleteIdentity(ctx, identities, id).Get(); err != nil {
		t.Fatal(err)
	}
	_, err = blocks.CheckTokenIdentity(ctx, identities, info).Get()
	authErrIs(t, err, blocks.ErrTokenFailedValidation)
}

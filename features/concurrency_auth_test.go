package features_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"golang.org/x/crypto/bcrypt"
)

// The concurrency suite of sessions against an administrator's lock or
// delete (issue 9, items 1 and 2). Every round races one login or refresh
// with one lock or delete, the lock starting at a different offset each
// round so that it lands before, inside and after the other request's
// database writes. Whatever the interleaving, the invariants hold in every
// round:
//
//   - a lock is never undone: the identity ends locked;
//   - nothing the racing request issued survives: no live refresh-token row
//     of the identity is left, a refresh token it answered is refused and
//     an access token it answered is refused.
//
// They are deterministic in outcome (each interleaving must keep them), so
// they do not flake; the rounds only make the bad interleavings of the
// code before the fix likely. Bounded: a few dozen rounds of two requests.

// sessionRaceEnv is the auth and identity features over a fresh database,
// an administrator's client, and a bcrypt hash of sessionRacePassword at
// bcrypt's minimum cost, computed once: each round's identity costs no
// hashing and its login a short comparison (bcrypt compares at the cost
// recorded in the hash), which keeps the suite fast under -race.
type sessionRaceEnv struct {
	svc        *primitives.Service
	identities *mongo.Collection
	refresh    *mongo.Collection
	c          *blockyardtest.Client
	admin      *blockyardtest.Client
	hash       string
}

const sessionRacePassword = "right-password"

func newSessionRaceEnv(t *testing.T) *sessionRaceEnv {
	t.Helper()
	db := blockyardtest.Database(t)
	svc := &primitives.Service{DB: db, Settings: []any{orgTestConfig}, Logger: blockyardtest.Logger(t)}
	h, err := svc.Mount(t.Context(), features.Auth(), features.Identities())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := features.EnsureAdmin(t.Context(), svc, "admin@example.com", sessionRacePassword); err != nil {
		t.Fatal(err)
	}
	e := &sessionRaceEnv{svc: svc, identities: db.Collection("identities"), refresh: db.Collection("refreshtokens"), c: blockyardtest.NewClient(t, h)}
	e.admin = e.c.Login(t, "/auth/login", "admin@example.com", sessionRacePassword)
	hash, err := bcrypt.GenerateFromPassword([]byte(sessionRacePassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	e.hash = string(hash)
	return e
}

// user stores a regular identity whose password is sessionRacePassword and
// returns its id and e-mail.
func (e *sessionRaceEnv) user(t *testing.T) (id, email string) {
	t.Helper()
	id = uuid.NewString()
	email = id + "@example.com"
	now := blocks.Timestamp(time.Now())
	doc := bson.D{
		{Key: "attempts", Value: 0}, {Key: "email", Value: email}, {Key: "locked", Value: false},
		{Key: "password", Value: e.hash}, {Key: "createdAt", Value: now}, {Key: "id", Value: id},
		{Key: "updatedAt", Value: now}, {Key: "typeId", Value: nodeblocks.Settings.Of(e.svc).IdentityTypes.Regular},
	}
	if _, err := e.identities.InsertOne(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	return id, email
}

// session starts a session for id directly (no bcrypt), bound to the
// client's origin (httptest's 192.0.2.1).
func (e *sessionRaceEnv) session(t *testing.T, id string) blocks.Session {
	t.Helper()
	s := e.svc
	ses, err := blocks.StartSession(t.Context(), e.refresh, blocks.CodecFor(nodeblocks.Settings.Of(s).AuthSecrets),
		blocks.SessionRequest{IdentityID: id, Origin: blocks.Origin{IP: "192.0.2.1"}, Domain: "example.com"},
		blocks.TokenLifetimes{Access: time.Hour, Refresh: time.Hour}, time.Now()).Get()
	if err != nil {
		t.Fatal(err)
	}
	return ses
}

// liveRows counts the identity's refresh-token rows that are not revoked.
func (e *sessionRaceEnv) liveRows(t *testing.T, id string) int64 {
	t.Helper()
	n, err := e.refresh.CountDocuments(t.Context(), bson.D{{Key: "id", Value: id}, {Key: "deletedAt", Value: bson.D{{Key: "$exists", Value: false}}}})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// stored returns the identity as stored, nil when it does not exist.
func (e *sessionRaceEnv) stored(t *testing.T, id string) *blocks.Identity {
	t.Helper()
	var idn blocks.Identity
	err := e.identities.FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Decode(&idn)
	if err == mongo.ErrNoDocuments {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return &idn
}

// tokens are what a login or a refresh answered.
type tokens struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
}

// expectDead checks that nothing a racing request answered still works:
// the refresh token is refused and the access token too (on logout, a
// route that only authenticates).
func (e *sessionRaceEnv) expectDead(t *testing.T, round int, tk tokens) {
	t.Helper()
	if r := e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": tk.RefreshToken}); r.Status != http.StatusUnauthorized {
		t.Errorf("round %d: the racing request's refresh token answered %d, want 401", round, r.Status)
	}
	r := e.c.Post("/auth/logout", map[string]string{"refreshToken": "x"}, blockyardtest.WithBearer(tk.AccessToken))
	if r.Status != http.StatusUnauthorized && r.Status != http.StatusForbidden {
		t.Errorf("round %d: the racing request's access token answered %d, want 401/403", round, r.Status)
	}
}

// race runs first and, after delay, second, and waits for both.
func race(first func(), delay time.Duration, second func()) {
	var wg sync.WaitGroup
	wg.Go(first)
	wg.Go(func() {
		time.Sleep(delay)
		second()
	})
	wg.Wait()
}

// loginDuration measures one successful login (its bcrypt comparison
// dominates), to spread the racing lock over it.
func (e *sessionRaceEnv) loginDuration(t *testing.T) time.Duration {
	t.Helper()
	_, email := e.user(t)
	start := time.Now()
	e.c.Post("/auth/login", map[string]string{"email": email, "password": sessionRacePassword}).ExpectStatus(t, http.StatusOK)
	return time.Since(start)
}

// The right password racing an administrator's lock: the identity ends
// locked in every round, and a login that answered 200 left no session.
func TestConcurrencyLoginRacingLockNeverUndoesTheLock(t *testing.T) {
	t.Parallel()
	e := newSessionRaceEnv(t)
	const rounds = 8
	d := e.loginDuration(t)
	t.Logf("one login takes %v", d)
	step := d * 5 / 4 / rounds
	outcomes := map[int]int{}
	defer func() { t.Logf("login answers by status: %v", outcomes) }()
	for round := range rounds {
		id, email := e.user(t)
		var login, lock *blockyardtest.Response
		race(func() {
			login = e.c.Post("/auth/login", map[string]string{"email": email, "password": sessionRacePassword})
		}, time.Duration(round)*step, func() {
			lock = e.admin.Post("/identities/"+id+"/lock", nil)
		})
		lock.ExpectStatus(t, http.StatusNoContent)
		if idn := e.stored(t, id); idn == nil || !idn.Locked {
			t.Errorf("round %d: the lock was undone by the login (%d): locked %v", round, login.Status, idn != nil && idn.Locked)
		}
		live := e.liveRows(t, id) // before expectDead, whose refresh may store a row
		outcomes[login.Status]++
		switch login.Status {
		case http.StatusOK:
			var tk tokens
			login.JSON(t, &tk)
			e.expectDead(t, round, tk)
		case http.StatusUnauthorized:
			login.ExpectError(t, http.StatusUnauthorized, "This account is locked")
		default:
			t.Errorf("round %d: login answered %d %s", round, login.Status, login.Body)
		}
		if live != 0 {
			t.Errorf("round %d: %d live refresh tokens after the lock (login %d)", round, live, login.Status)
		}
	}
}

// The right password racing the identity's deletion: no session survives.
func TestConcurrencyLoginRacingDeleteLeavesNoSession(t *testing.T) {
	t.Parallel()
	e := newSessionRaceEnv(t)
	const rounds = 8
	d := e.loginDuration(t)
	t.Logf("one login takes %v", d)
	step := d * 5 / 4 / rounds
	outcomes := map[int]int{}
	defer func() { t.Logf("login answers by status: %v", outcomes) }()
	for round := range rounds {
		id, email := e.user(t)
		var login, del *blockyardtest.Response
		race(func() {
			login = e.c.Post("/auth/login", map[string]string{"email": email, "password": sessionRacePassword})
		}, time.Duration(round)*step, func() {
			del = e.admin.Delete("/identities/" + id)
		})
		del.ExpectStatus(t, http.StatusNoContent)
		if idn := e.stored(t, id); idn != nil {
			t.Errorf("round %d: the deleted identity is back: %+v", round, idn)
		}
		live := e.liveRows(t, id) // before expectDead, whose refresh may store a row
		outcomes[login.Status]++
		switch login.Status {
		case http.StatusOK:
			var tk tokens
			login.JSON(t, &tk)
			e.expectDead(t, round, tk)
		case http.StatusUnauthorized:
			login.ExpectError(t, http.StatusUnauthorized, "wrong credentials provided")
		default:
			t.Errorf("round %d: login answered %d %s", round, login.Status, login.Body)
		}
		if live != 0 {
			t.Errorf("round %d: %d live refresh tokens after the delete (login %d)", round, live, login.Status)
		}
	}
}

// A refresh racing a lock or a delete: the token it answered (if any) is
// refused afterwards and no live row is left.
func TestConcurrencyRefreshRacingLockOrDeleteLeavesNoSession(t *testing.T) {
	t.Parallel()
	e := newSessionRaceEnv(t)
	const rounds = 12
	outcomes := map[string]int{}
	defer func() { t.Logf("refresh answers: %v", outcomes) }()
	for _, action := range []string{"lock", "delete"} {
		for round := range rounds {
			id, _ := e.user(t)
			ses := e.session(t, id)
			var refresh, end *blockyardtest.Response
			// The refresh takes a few milliseconds; offsets of 0 to 1.65
			// ms move the lock across its writes.
			race(func() {
				refresh = e.c.Post("/auth/token/refresh", map[string]string{"refreshToken": ses.RefreshToken})
			}, time.Duration(round)*150*time.Microsecond, func() {
				if action == "lock" {
					end = e.admin.Post("/identities/"+id+"/lock", nil)
				} else {
					end = e.admin.Delete("/identities/" + id)
				}
			})
			end.ExpectStatus(t, http.StatusNoContent)
			live := e.liveRows(t, id) // before expectDead, whose refresh may store a row
			outcomes[action+" "+http.StatusText(refresh.Status)]++
			switch refresh.Status {
			case http.StatusOK:
				var tk tokens
				refresh.JSON(t, &tk)
				e.expectDead(t, round, tk)
			case http.StatusUnauthorized:
				refresh.ExpectError(t, http.StatusUnauthorized, "refresh token reuse detected")
			default:
				t.Errorf("%s round %d: refresh answered %d %s", action, round, refresh.Status, refresh.Body)
			}
			if live != 0 {
				t.Errorf("%s round %d: %d live refresh tokens left (refresh %d)", action, round, live, refresh.Status)
			}
		}
	}
}

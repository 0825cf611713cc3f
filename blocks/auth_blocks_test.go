package blocks_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

var (
	authNow     = time.Date(2026, 11, 21, 23, 36, 54, 956_000_000, time.UTC)
	authSecrets = nodeblocks.AuthSecrets{Enc: "blocks-test-enc-secret-0123", Sign: "blocks-test-sign-secret-0123"}
	authOrigin  = blocks.Origin{Fingerprint: "fp", IP: "203.0.113.9", UserAgent: "test-agent/1"}
)

// authDB returns the three auth collections of a fresh database, indexed.
func authDB(t *testing.T) (identities, refresh, onetime *mongo.Collection) {
	t.Helper()
	db := blockyardtest.Database(t)
	identities, refresh, onetime = db.Collection("identities"), db.Collection("refreshtokens"), db.Collection("onetimetokens")
	ctx := t.Context()
	if err := blocks.EnsureIdentityIndexes(ctx, identities); err != nil {
		t.Fatal(err)
	}
	if err := blocks.EnsureRefreshTokenIndexes(ctx, refresh); err != nil {
		t.Fatal(err)
	}
	if err := blocks.EnsureOneTimeTokenIndexes(ctx, onetime); err != nil {
		t.Fatal(err)
	}
	return identities, refresh, onetime
}

func authRaw(t *testing.T, coll *mongo.Collection, filter bson.D) bson.D {
	t.Helper()
	var d bson.D
	if err := coll.FindOne(t.Context(), filter).Decode(&d); err != nil {
		t.Fatalf("find %v in %s: %v", filter, coll.Name(), err)
	}
	return d
}

func authKeys(d bson.D) string {
	ks := make([]string, len(d))
	for i, e := range d {
		ks[i] = e.Key
	}
	return strings.Join(ks, ",")
}

func authMap(d bson.D) map[string]any {
	m := make(map[string]any, len(d))
	for _, e := range d {
		m[e.Key] = e.Value
	}
	return m
}

func authErrIs(t *testing.T, err error, want *primitives.Error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error %v, want %q", err, want.Message)
	}
}

func authRegister(t *testing.T, identities *mongo.Collection, email, password string) *blocks.Identity {
	t.Helper()
	idn, err := blocks.CreateIdentity(t.Context(), identities, blocks.NewIdentity{Email: email, Password: password}, authNow, uuid.NewString).Get()
	if err != nil {
		t.Fatalf("CreateIdentity: %v", err)
	}
	return idn
}

func TestTimestampIsISOMillisecondsUTC(t *testing.T) {
	loc := time.FixedZone("JST", 9*3600)
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{authNow, "2026-11-21T23:36:54.956Z"},
		{time.Date(2026, 11, 22, 8, 36, 54, 956_999_999, loc), "2026-11-21T23:36:54.956Z"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "2026-01-02T03:04:05.000Z"},
	} {
		if got := blocks.Timestamp(tc.in); got != tc.want {
			t.Errorf("Timestamp(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCreateIdentityStoresTheReferenceLayout(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	idn := authRegister(t, identities, " Ada@Example.com", "s3cret-pass")

	if _, err := uuid.Parse(idn.ID); err != nil || uuid.MustParse(idn.ID).Version() != 4 {
		t.Errorf("id %q is not a UUID v4", idn.ID)
	}
	raw := authRaw(t, identities, bson.D{bson.E{Key: "id", Value: idn.ID}})
	if got, want := authKeys(raw), "_id,attempts,email,locked,password,createdAt,id,updatedAt"; got != want {
		t.Errorf("stored keys %s, want %s", got, want)
	}
	m := authMap(raw)
	if m["email"] != " Ada@Example.com" || m["attempts"] != int32(0) && m["attempts"] != int64(0) || m["locked"] != false {
		t.Errorf("stored %v", m)
	}
	if m["createdAt"] != "2026-11-21T23:36:54.956Z" || m["updatedAt"] != m["createdAt"] {
		t.Errorf("timestamps %v %v", m["createdAt"], m["updatedAt"])
	}
	hash, _ := m["password"].(string)
	if !strings.HasPrefix(hash, "$2b$10$") || !token.CheckPassword(hash, "s3cret-pass") {
		t.Errorf("password %q is not the bcrypt hash of the password", hash)
	}
	if _, ok := m["typeId"]; ok {
		t.Error("register must not set typeId")
	}

	_, err := blocks.CreateIdentity(t.Context(), identities, blocks.NewIdentity{Email: " Ada@Example.com", Password: "x"}, authNow, uuid.NewString).Get()
	if e := primitives.AsError(err); e == nil || e.Message != `unable to register " Ada@Example.com"` || !e.Kind.Is(blocks.KindAuthInvalidInput) {
		t.Fatalf("second registration: %v", err)
	}
}

func TestIdentityJSONHidesPasswordAndMongoID(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	idn := authRegister(t, identities, "json@example.com", "pw")
	if _, err := identities.UpdateOne(t.Context(), bson.D{bson.E{Key: "id", Value: idn.ID}},
		bson.D{bson.E{Key: "$set", Value: bson.D{bson.E{Key: "provider", Value: "google"}}}}); err != nil {
		t.Fatal(err)
	}
	got, err := blocks.GetIdentityByID(t.Context(), identities, idn.ID).Get()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	want := `{"attempts":0,"email":"json@example.com","locked":false,"createdAt":"2026-11-21T23:36:54.956Z","id":"` + idn.ID + `","updatedAt":"2026-11-21T23:36:54.956Z","provider":"google"}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestGetIdentityByIDNotFoundCarriesItsCause(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	_, err := blocks.GetIdentityByID(t.Context(), identities, "nobody").Get()
	e := primitives.AsError(err)
	if e.Status != 404 || e.Message != "Identity not found" || e.Op != "getIdentityById" {
		t.Fatalf("got %+v", e)
	}
}

func TestLoginCountsLocksAndResets(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	idn := authRegister(t, identities, "lock@example.com", "right")
	ctx := t.Context()
	login := func(pw string) error {
		_, err := blocks.Login(ctx, identities, blocks.Credentials{Email: "lock@example.com", Password: pw}, 3, authNow).Get()
		return err
	}
	state := func() (int, bool) {
		got, err := blocks.GetIdentityByID(ctx, identities, idn.ID).Get()
		if err != nil {
			t.Fatal(err)
		}
		return got.Attempts, got.Locked
	}

	authErrIs(t, login("wrong"), blocks.ErrWrongCredentials)
	authErrIs(t, login("wrong"), blocks.ErrWrongCredentials)
	if a, l := state(); a != 2 || l {
		t.Fatalf("after 2 failures: attempts %d locked %v", a, l)
	}
	if err := login("right"); err != nil {
		t.Fatalf("right password: %v", err)
	}
	if a, l := state(); a != 0 || l {
		t.Fatalf("after success: attempts %d locked %v", a, l)
	}
	for range 3 {
		authErrIs(t, login("wrong"), blocks.ErrWrongCredentials)
	}
	if a, l := state(); a != 3 || !l {
		t.Fatalf("after 3 failures: attempts %d locked %v", a, l)
	}
	authErrIs(t, login("right"), blocks.ErrAccountLocked)
	if a, l := state(); a != 3 || !l {
		t.Fatalf("a locked login must change nothing: attempts %d locked %v", a, l)
	}
	authErrIs(t, func() error {
		_, err := blocks.Login(ctx, identities, blocks.Credentials{Email: "nobody@example.com", Password: "right"}, 3, authNow).Get()
		return err
	}(), blocks.ErrWrongCredentials)

	if _, err := blocks.UnlockIdentity(ctx, identities, idn.ID, authNow).Get(); err != nil {
		t.Fatal(err)
	}
	if err := login("right"); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
}

// RecordFailedLogin from 50 goroutines at once: every attempt is counted
// and exactly one call locks the identity ($inc and a guarded update on
// MongoDB; on FerretDB, whose updates are not atomic, with the help of the
// in-process stripes).
func TestRecordFailedLoginConcurrentlyLocksExactlyOnce(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	idn := authRegister(t, identities, "race@example.com", "right")
	var wg sync.WaitGroup
	var lockers atomic.Int32
	for range 50 {
		wg.Go(func() {
			locked, err := blocks.RecordFailedLogin(context.Background(), identities, idn.ID, 5, authNow).Get()
			if err != nil {
				t.Error(err)
			}
			if locked {
				lockers.Add(1)
			}
		})
	}
	wg.Wait()
	got, err := blocks.GetIdentityByID(t.Context(), identities, idn.ID).Get()
	if err != nil {
		t.Fatal(err)
	}
	if !got.Locked || got.Attempts != 50 || lockers.Load() != 1 {
		t.Fatalf("attempts %d (want 50), locked by %d calls (want 1)", got.Attempts, lockers.Load())
	}
}

func TestEnsureAdminOutcomes(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	ctx := t.Context()
	ensure := func(email, password string) (blocks.AdminResult, error) {
		return blocks.EnsureAdmin(ctx, identities, blocks.AdminSpec{Email: email, Password: password, AdminTypeID: "100"}, authNow, uuid.NewString).Get()
	}
	loginWith := func(email, password string) error {
		_, err := blocks.Login(ctx, identities, blocks.Credentials{Email: email, Password: password}, 5, authNow).Get()
		return err
	}

	// Created.
	first, err := ensure("root@example.com", "root-password")
	if err != nil || first.Outcome != blocks.AdminCreated || first.Identity.Type() != "100" {
		t.Fatalf("create: %v %+v", err, first)
	}
	// Already admin: with the same password, or another one (not checked,
	// nothing changes).
	for _, pw := range []string{"root-password", "other"} {
		again, err := ensure("root@example.com", pw)
		if err != nil || again.Outcome != blocks.AdminAlready || again.Identity.ID != first.Identity.ID {
			t.Fatalf("second call with %q: %v %+v", pw, err, again)
		}
	}
	if n, _ := identities.CountDocuments(ctx, bson.D{}); n != 1 {
		t.Fatalf("%d identities, want 1", n)
	}
	if err := loginWith("root@example.com", "root-password"); err != nil {
		t.Fatalf("the password must be the first one: %v", err)
	}

	// Refused: someone registered the e-mail first, with another password.
	squatter := authRegister(t, identities, "admin@example.com", "attacker-password")
	_, err = ensure("admin@example.com", "operator-password")
	authErrIs(t, err, blocks.ErrAdminPasswordMismatch)
	if got := authMap(authRaw(t, identities, bson.D{bson.E{Key: "id", Value: squatter.ID}})); got["typeId"] != nil || got["updatedAt"] != squatter.UpdatedAt {
		t.Fatalf("a refused promotion wrote %v", got)
	}
	if err := loginWith("admin@example.com", "operator-password"); err == nil {
		t.Fatal("a refused promotion must not change the password")
	}
	// An identity without a password (e.g. an OAuth sign-up) is refused too.
	if _, err := identities.InsertOne(ctx, bson.D{bson.E{Key: "email", Value: "oauth@example.com"}, bson.E{Key: "id", Value: uuid.NewString()}}); err != nil {
		t.Fatal(err)
	}
	_, err = ensure("oauth@example.com", "any")
	authErrIs(t, err, blocks.ErrAdminPasswordMismatch)

	// Promoted: the password is the identity's own; it is kept.
	user := authRegister(t, identities, "user@example.com", "user-password")
	promoted, err := ensure("user@example.com", "user-password")
	if err != nil || promoted.Outcome != blocks.AdminPromoted || promoted.Identity.ID != user.ID || promoted.Identity.Type() != "100" {
		t.Fatalf("promote: %v %+v", err, promoted)
	}
	if err := loginWith("user@example.com", "user-password"); err != nil {
		t.Fatalf("promotion must keep the password: %v", err)
	}

	// Incomplete specs.
	for _, spec := range []blocks.AdminSpec{{Password: "pw", AdminTypeID: "100"}, {Email: "x@example.com", AdminTypeID: "100"}, {Email: "x@example.com", Password: "pw"}} {
		_, err := blocks.EnsureAdmin(ctx, identities, spec, authNow, uuid.NewString).Get()
		authErrIs(t, err, blocks.ErrAdminSpec)
	}

	// Concurrent start-ups converge on one admin.
	var wg sync.WaitGroup
	var created atomic.Int32
	for range 8 {
		wg.Go(func() {
			res, err := blocks.EnsureAdmin(context.Background(), identities, blocks.AdminSpec{Email: "race@example.com", Password: "pw", AdminTypeID: "100"}, authNow, uuid.NewString).Get()
			switch {
			case err != nil:
				t.Error(err)
			case res.Outcome == blocks.AdminCreated:
				created.Add(1)
			case res.Outcome != blocks.AdminAlready:
				t.Errorf("outcome %v", res.Outcome)
			}
		})
	}
	wg.Wait()
	if n, _ := identities.CountDocuments(ctx, bson.D{bson.E{Key: "email", Value: "race@example.com"}}); n != 1 || created.Load() != 1 {
		t.Fatalf("%d race admins, %d created; want 1, 1", n, created.Load())
	}
}

func TestPromoteAdminNeedsNoPasswordButAnIdentity(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	ctx := t.Context()
	user := authRegister(t, identities, "user@example.com", "user-password")

	res, err := blocks.PromoteAdmin(ctx, identities, "user@example.com", "100", authNow).Get()
	if err != nil || res.Outcome != blocks.AdminPromoted || res.Identity.ID != user.ID || res.Identity.Type() != "100" {
		t.Fatalf("promote: %v %+v", err, res)
	}
	res, err = blocks.PromoteAdmin(ctx, identities, "user@example.com", "100", authNow).Get()
	if err != nil || res.Outcome != blocks.AdminAlready {
		t.Fatalf("promote again: %v %+v", err, res)
	}
	if _, err := blocks.Login(ctx, identities, blocks.Credentials{Email: "user@example.com", Password: "user-password"}, 5, authNow).Get(); err != nil {
		t.Fatalf("promotion must keep the password: %v", err)
	}
	// It never creates.
	_, err = blocks.PromoteAdmin(ctx, identities, "nobody@example.com", "100", authNow).Get()
	authErrIs(t, err, blocks.ErrIdentityNotFound)
	if n, _ := identities.CountDocuments(ctx, bson.D{}); n != 1 {
		t.Fatalf("%d identities, want 1", n)
	}
	_, err = blocks.PromoteAdmin(ctx, identities, "user@example.com", "", authNow).Get()
	authErrIs(t, err, blocks.ErrAdminSpec)
	if s := fmt.Sprint(blocks.AdminCreated, " ", blocks.AdminPromoted, " ", blocks.AdminAlready); s != "created promoted already admin" {
		t.Errorf("outcome names %q", s)
	}
}

func TestIdentityIndexesAreUniqueAndIdempotent(t *testing.T) {
	t.Parallel()
	identities, _, _ := authDB(t)
	if err := blocks.EnsureIdentityIndexes(t.Context(), identities); err != nil {
		t.Fatalf("second creation: %v", err)
	}
	authRegister(t, identities, "dup@example.com", "pw")
	_, err := identities.InsertOne(t.Context(), bson.D{bson.E{Key: "id", Value: "x"}, bson.E{Key: "email", Value: "dup@example.com"}})
	if !blocks.IsDuplicateKey(err) {
		t.Fatalf("duplicate e-mail insert: %v", err)
	}
	other := authRegister(t, identities, "other@example.com", "pw")
	email := "dup@example.com"
	_, err = blocks.UpdateIdentity(t.Context(), identities, other.ID, blocks.IdentityPatch{Email: &email}, authNow).Get()
	authErrIs(t, err, blocks.ErrEmailTaken)
}

func TestSessionRotationAndRevocation(t *testing.T) {
	t.Parallel()
	_, refresh, _ := authDB(t)
	ctx := t.Context()
	codec := blocks.CodecFor(authSecrets)
	lt := blocks.TokenLifetimes{Access: 15 * time.Minute, Refresh: 48 * time.Hour}
	ses, err := blocks.StartSession(ctx, refresh, codec, blocks.SessionRequest{IdentityID: "idn-1", Origin: authOrigin, Domain: "example.com:8080"}, lt, authNow).Get()
	if err != nil {
		t.Fatal(err)
	}
	raw := authRaw(t, refresh, bson.D{bson.E{Key: "jti", Value: ses.JTI}})
	if got, want := authKeys(raw), "_id,jti,tokenVerification,createdAt,id,updatedAt"; got != want {
		t.Errorf("row keys %s, want %s", got, want)
	}
	tv := authMap(raw)["tokenVerification"].(bson.D)
	if got := authKeys(tv); got != "domain,fingerprint,ip,userAgent" || authMap(tv)["fingerprint"] != nil || authMap(raw)["id"] != "idn-1" {
		t.Errorf("row %v", raw)
	}

	access, err := codec.Verify(ses.AccessToken, authNow)
	if err != nil || access.Type != "access" || access.AccessType != "user" || access.IdentityID != "idn-1" || access.ExpiresAt-access.IssuedAt != 900 {
		t.Fatalf("access claims %+v %v", access, err)
	}
	c, err := blocks.ResolveRefreshToken(codec, blocks.RefreshCandidates{Body: ses.RefreshToken}, authOrigin, authNow).Get()
	claims, ok := c.Get()
	if err != nil || !ok || claims.JTI != ses.JTI || claims.ExpiresAt-claims.IssuedAt != 172800 {
		t.Fatalf("resolve: %v %v %+v", err, ok, claims)
	}
	// Another device (fingerprint) or both IP and UA changed: ignored.
	for _, o := range []blocks.Origin{{Fingerprint: "other", IP: authOrigin.IP, UserAgent: authOrigin.UserAgent}, {Fingerprint: "fp", IP: "198.51.100.1", UserAgent: "x"}} {
		if c, _ := blocks.ResolveRefreshToken(codec, blocks.RefreshCandidates{Body: ses.RefreshToken}, o, authNow).Get(); c.IsPresent() {
			t.Errorf("origin %+v accepted", o)
		}
	}
	// An access token is not a refresh token.
	if c, _ := blocks.ResolveRefreshToken(codec, blocks.RefreshCandidates{Body: ses.AccessToken}, authOrigin, authNow).Get(); c.IsPresent() {
		t.Error("access token accepted as refresh token")
	}

	// Two concurrent rotations of the same token: one wins, one is reuse.
	var wg sync.WaitGroup
	var wins, reuses atomic.Int32
	for range 2 {
		wg.Go(func() {
			_, err := blocks.RetireRefreshToken(context.Background(), refresh, claims, authNow).Get()
			switch {
			case err == nil:
				wins.Add(1)
			case errors.Is(err, blocks.ErrRefreshTokenReuse):
				reuses.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 || reuses.Load() != 1 {
		t.Fatalf("wins %d reuses %d", wins.Load(), reuses.Load())
	}
	_, err = blocks.RetireRefreshToken(ctx, refresh, claims, authNow).Get()
	authErrIs(t, err, blocks.ErrRefreshTokenReuse)
	_, err = blocks.RetireRefreshToken(ctx, refresh, blocks.Claims{IdentityID: "idn-1", JTI: uuid.NewString()}, authNow).Get()
	authErrIs(t, err, blocks.ErrOldRefreshTokenInvalid)

	// Revocation: idempotent on a revoked row, an error on an unknown one.
	if _, err := blocks.RevokeRefreshToken(ctx, refresh, ses.JTI, authNow).Get(); err != nil {
		t.Fatalf("revoke revoked: %v", err)
	}
	_, err = blocks.RevokeRefreshToken(ctx, refresh, "unknown", authNow).Get()
	authErrIs(t, err, blocks.ErrRevokeRefreshToken)
}

func TestResolveRefreshTokenMismatch(t *testing.T) {
	t.Parallel()
	_, refresh, _ := authDB(t)
	codec := blocks.CodecFor(authSecrets)
	lt := blocks.TokenLifetimes{Access: time.Minute, Refresh: time.Hour}
	a, _ := blocks.StartSession(t.Context(), refresh, codec, blocks.SessionRequest{IdentityID: "a", Origin: authOrigin}, lt, authNow).Get()
	b, _ := blocks.StartSession(t.Context(), refresh, codec, blocks.SessionRequest{IdentityID: "a", Origin: authOrigin}, lt, authNow).Get()
	_, err := blocks.ResolveRefreshToken(codec, blocks.RefreshCandidates{Cookie: a.RefreshToken, Body: b.RefreshToken}, authOrigin, authNow).Get()
	authErrIs(t, err, blocks.ErrTokenMismatch)
	c, err := blocks.ResolveRefreshToken(codec, blocks.RefreshCandidates{Cookie: a.RefreshToken, Body: "junk"}, authOrigin, authNow).Get()
	if v, ok := c.Get(); err != nil || !ok || v.JTI != a.JTI {
		t.Fatalf("junk body must be ignored: %v %v", err, ok)
	}
}

func TestRevokeIdentitySessionsAndReuseRevokesTheFamily(t *testing.T) {
	t.Parallel()
	_, refresh, _ := authDB(t)
	ctx := t.Context()
	codec := blocks.CodecFor(authSecrets)
	lt := blocks.TokenLifetimes{Access: time.Minute, Refresh: time.Hour}
	start := func(identityID string) blocks.Session {
		t.Helper()
		ses, err := blocks.StartSession(ctx, refresh, codec, blocks.SessionRequest{IdentityID: identityID, Origin: authOrigin}, lt, authNow).Get()
		if err != nil {
			t.Fatal(err)
		}
		return ses
	}
	row := func(jti string) map[string]any {
		t.Helper()
		return authMap(authRaw(t, refresh, bson.D{bson.E{Key: "jti", Value: jti}}))
	}
	claims := func(ses blocks.Session) blocks.Claims {
		t.Helper()
		c, err := codec.Verify(ses.RefreshToken, authNow)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	rotated, a, b, other := start("idn-1"), start("idn-1"), start("idn-1"), start("idn-2")
	if _, err := blocks.RetireRefreshToken(ctx, refresh, claims(rotated), authNow).Get(); err != nil {
		t.Fatal(err)
	}
	later := authNow.Add(time.Minute)
	n, err := blocks.RevokeIdentitySessions(ctx, refresh, "idn-1", later).Get()
	if err != nil || n != 2 {
		t.Fatalf("revoked %d (%v), want 2", n, err)
	}
	for _, ses := range []blocks.Session{a, b} {
		if r := row(ses.JTI); r["deletedAt"] != blocks.Timestamp(later) || r["updatedAt"] != blocks.Timestamp(later) {
			t.Errorf("row not revoked: %v", r)
		}
	}
	// An already retired row keeps its deletedAt; another identity's row
	// stays live.
	if r := row(rotated.JTI); r["deletedAt"] != blocks.Timestamp(authNow) {
		t.Errorf("retired row rewritten: %v", r)
	}
	if r := row(other.JTI); r["deletedAt"] != nil {
		t.Errorf("another identity's row revoked: %v", r)
	}
	_, err = blocks.RetireRefreshToken(ctx, refresh, claims(a), later).Get()
	authErrIs(t, err, blocks.ErrRefreshTokenReuse)
	for _, id := range []string{"idn-1", "nobody", ""} {
		if n, err := blocks.RevokeIdentitySessions(ctx, refresh, id, later).Get(); err != nil || n != 0 {
			t.Errorf("revoke %q: %d %v, want 0", id, n, err)
		}
	}

	// Reuse of a rotated token revokes the token issued in exchange, and
	// every other live one of the identity.
	first, parallel := start("idn-3"), start("idn-3")
	if _, err := blocks.RetireRefreshToken(ctx, refresh, claims(first), authNow).Get(); err != nil {
		t.Fatal(err)
	}
	second := start("idn-3") // what the first refresh issued
	_, err = blocks.RetireRefreshToken(ctx, refresh, claims(first), later).Get()
	authErrIs(t, err, blocks.ErrRefreshTokenReuse)
	for _, ses := range []blocks.Session{second, parallel} {
		if r := row(ses.JTI); r["deletedAt"] != blocks.Timestamp(later) {
			t.Errorf("family row still live after reuse: %v", r)
		}
		_, err = blocks.RetireRefreshToken(ctx, refresh, claims(ses), later).Get()
		authErrIs(t, err, blocks.ErrRefreshTokenReuse)
	}
	if r := row(other.JTI); r["deletedAt"] != nil {
		t.Errorf("reuse revoked another identity's row: %v", r)
	}
}

func TestStartSessionWithShortSecretsFails(t *testing.T) {
	t.Parallel()
	_, refresh, _ := authDB(t)
	codec := blocks.CodecFor(nodeblocks.AuthSecrets{Enc: "short", Sign: "short"})
	_, err := blocks.StartSession(t.Context(), refresh, codec, blocks.SessionRequest{IdentityID: "a"}, blocks.TokenLifetimes{Access: time.Minute, Refresh: time.Hour}, authNow).Get()
	authErrIs(t, err, blocks.ErrTokenGeneration)
	if n, _ := refresh.CountDocuments(t.Context(), bson.D{}); n != 0 {
		t.Fatalf("%d rows stored for a failed session", n)
	}
}

func TestVerifyAccessToken(t *testing.T) {
	t.Parallel()
	codec := blocks.CodecFor(authSecrets)
	issue := func(c token.Claims) string {
		t.Helper()
		s, err := codec.Issue(c)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	user := issue(token.NewUserAccess("idn", authOrigin, "d").Stamp(authNow, time.Minute))
	app := issue(token.Claims{AccessType: "app", AppID: "app-1", Type: "access", IssuedAt: authNow.Unix()})
	refresh := issue(token.NewRefresh("idn", authOrigin, "d").Stamp(authNow, time.Hour))
	odd := issue(token.Claims{AccessType: "robot", Type: "access", IssuedAt: authNow.Unix(), ExpiresAt: authNow.Unix() + 60})
	otherUA := blocks.Origin{Fingerprint: "fp", IP: authOrigin.IP, UserAgent: "other"}
	otherIP := blocks.Origin{Fingerprint: "fp", IP: "198.51.100.7", UserAgent: authOrigin.UserAgent}
	otherBoth := blocks.Origin{Fingerprint: "fp", IP: "198.51.100.7", UserAgent: "other"}

	for _, tc := range []struct {
		name    string
		raw     string
		origin  blocks.Origin
		checkIP bool
		now     time.Time
		want    *primitives.Error
	}{
		{"user", user, authOrigin, true, authNow, nil},
		{"app", app, blocks.Origin{}, true, authNow, nil},
		{"empty", "", authOrigin, true, authNow, blocks.ErrTokenNotVerified},
		{"garbage", "garbage", authOrigin, true, authNow, blocks.ErrTokenNotVerified},
		{"expired", user, authOrigin, true, authNow.Add(time.Minute), blocks.ErrTokenNotVerified},
		{"refresh", refresh, authOrigin, true, authNow, blocks.ErrNotAccessToken},
		{"fingerprint", user, blocks.Origin{IP: authOrigin.IP, UserAgent: authOrigin.UserAgent}, true, authNow, blocks.ErrSecurityCheck},
		{"new UA same IP", user, otherUA, true, authNow, nil},
		{"new IP same UA", user, otherIP, true, authNow, nil},
		{"new IP and UA", user, otherBoth, true, authNow, blocks.ErrSecurityCheck},
		{"new IP and UA, IP ignored", user, otherBoth, false, authNow, nil},
		{"unknown access type", odd, authOrigin, true, authNow, blocks.ErrMissingAuthentication},
	} {
		_, err := blocks.VerifyAccessToken(codec, tc.raw, tc.origin, tc.checkIP, tc.now).Get()
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := blocks.VerifyAccessToken(blocks.CodecFor(nodeblocks.AuthSecrets{Enc: "short"}), user, authOrigin, true, authNow).Get(); !errors.Is(err, blocks.ErrTokenNotVerified) {
		t.Errorf("short secrets: %v", err)
	}
}

func TestCheckTokenConsumesOneTimeTokensOnce(t *testing.T) {
	t.Parallel()
	_, _, onetime := authDB(t)
	ctx := t.Context()
	codec := blocks.CodecFor(authSecrets)
	spec := blocks.OneTimeTokenSpec{Target: "invitation", Data: json.RawMessage(`{"invitationId":"inv-1"}`), Origin: authOrigin, Domain: "d", Lifetime: 5 * time.Minute}
	ott, err := blocks.CreateOneTimeToken(ctx, onetime, codec, spec, authNow, uuid.NewString).Get()
	if err != nil {
		t.Fatal(err)
	}
	row := authRaw(t, onetime, bson.D{bson.E{Key: "token", Value: ott}})
	if got := authKeys(row); got != "_id,token,invalid,createdAt,id,updatedAt" {
		t.Errorf("row keys %s", got)
	}

	_, err = blocks.CheckToken(ctx, onetime, codec, authOrigin, ott, "reset-password", authNow).Get()
	authErrIs(t, err, blocks.ErrInvalidTokenTarget)

	var wg sync.WaitGroup
	var wins, refused atomic.Int32
	for range 5 {
		wg.Go(func() {
			info, err := blocks.CheckToken(context.Background(), onetime, codec, blocks.Origin{}, ott, "invitation", authNow).Get()
			switch {
			case err == nil:
				if b, _ := json.Marshal(info); string(b) != `{"invitationId":"inv-1"}` {
					t.Errorf("data %s", b)
				}
				wins.Add(1)
			case errors.Is(err, blocks.ErrTokenFailedValidation):
				refused.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 || refused.Load() != 4 {
		t.Fatalf("consumed %d times, refused %d", wins.Load(), refused.Load())
	}
	if authMap(authRaw(t, onetime, bson.D{bson.E{Key: "token", Value: ott}}))["invalid"] != true {
		t.Error("row not invalidated")
	}

	// Access tokens: identity when the check passes, whatever IgnoreIP.
	access, _ := codec.Issue(token.NewUserAccess("idn-7", authOrigin, "d").Stamp(authNow, time.Minute))
	info, err := blocks.CheckToken(ctx, onetime, codec, authOrigin, access, "", authNow).Get()
	if b, _ := json.Marshal(info); err != nil || string(b) != `{"identityId":"idn-7"}` {
		t.Fatalf("access: %s %v", b, err)
	}
	_, err = blocks.CheckToken(ctx, onetime, codec, blocks.Origin{Fingerprint: "fp", IP: "x", UserAgent: "y"}, access, "", authNow).Get()
	authErrIs(t, err, blocks.ErrAccessTokenFailedChecks)
	_, err = blocks.CheckToken(ctx, onetime, codec, authOrigin, "junk", "", authNow).Get()
	authErrIs(t, err, blocks.ErrUnableToVerifyToken)
	refresh, _ := codec.Issue(token.NewRefresh("idn-7", authOrigin, "d").Stamp(authNow, time.Hour))
	_, err = blocks.CheckToken(ctx, onetime, codec, authOrigin, refresh, "", authNow).Get()
	authErrIs(t, err, blocks.ErrTokenFailedValidation)
	unknown, _ := codec.Issue(token.NewOnetime("invitation", nil, authOrigin, "d").Stamp(authNow, time.Minute))
	_, err = blocks.CheckToken(ctx, onetime, codec, authOrigin, unknown, "invitation", authNow).Get()
	authErrIs(t, err, blocks.ErrTokenFailedValidation)
}

func TestExtractTokenFromAuthorizationHeader(t *testing.T) {
	for _, tc := range []struct {
		header, token string
		want          *primitives.Error
	}{
		{"Bearer abc", "abc", nil},
		{"", "", blocks.ErrMissingTokenHeader},
		{"Basic abc", "", blocks.ErrTokenHeaderFormat},
		{"bearer abc", "", blocks.ErrTokenHeaderFormat},
		{"Bearer a b", "", blocks.ErrTokenHeaderFormat},
		{"Bearer", "", blocks.ErrTokenHeaderFormat},
		{"Bearer ", "", blocks.ErrNoTokenInHeader},
	} {
		got, err := blocks.ExtractTokenFromAuthorizationHeader(tc.header).Get()
		if tc.want == nil && (err != nil || got != tc.token) || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%q: %q %v, want %q %v", tc.header, got, err, tc.token, tc.want)
		}
	}
}

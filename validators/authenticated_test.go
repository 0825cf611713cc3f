package validators_test

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/google/uuid"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// A route guarded by the library's validators authenticates with the
// reference's tokens even when no feature's setup installed an
// authenticator (Service.Auth nil), and checks the identity's state too.
func TestIsAuthenticatedWithoutSetupUsesTheReferenceTokens(t *testing.T) {
	secrets := nodeblocks.AuthSecrets{Enc: "0123456789abcdefghij", Sign: "abcdefghij0123456789"}
	db := blockyardtest.Database(t)
	svc := &primitives.Service{DB: db, Settings: []any{nodeblocks.Config{AuthSecrets: secrets}}, Logger: slog.New(slog.DiscardHandler)}
	h, err := svc.Mount(context.Background(), echoRoute("GET", "/me/{id}", validators.IsAuthenticated))
	if err != nil {
		t.Fatal(err)
	}
	idn, err := blocks.CreateIdentity(t.Context(), db.Collection("identities"), blocks.NewIdentity{Email: "me@example.com", Password: "pw"}, time.Now(), uuid.NewString).Get()
	if err != nil {
		t.Fatal(err)
	}
	claims := token.NewUserAccess(idn.ID, blocks.Origin{IP: "192.0.2.1"}, "example.com").Stamp(time.Now(), time.Minute)
	tok, err := blocks.CodecFor(secrets).Issue(claims)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h)
	c.Get("/me/1", blockyardtest.WithBearer(tok)).ExpectStatus(t, 200)
	c.Get("/me/1").ExpectError(t, 401, "token could not be verified")
	if _, err := blocks.LockIdentity(t.Context(), db.Collection("identities"), idn.ID, time.Now()).Get(); err != nil {
		t.Fatal(err)
	}
	c.Get("/me/1", blockyardtest.WithBearer(tok)).ExpectError(t, 401, "This account is locked")
}

// A locked or deleted identity's access token is refused on a route that
// only authenticates, with or without validators that load the caller;
// app tokens are not affected. A host's own Authenticator gets the same
// check.
func TestLockedOrDeletedCallerIsRefusedEverywhere(t *testing.T) {
	t.Parallel()
	e := newIdentityEnv(t,
		okRoute(http.MethodGet, "/authenticated", validators.IsAuthenticated),
		okRoute(http.MethodGet, "/typed", validators.IsAuthenticated, validators.CheckIdentityType(validators.TypeRegular)),
		okRoute(http.MethodGet, "/self/{identityId}", validators.IsSelf(validators.PathValue("identityId"))),
	)
	id, me := e.identity("me@example.com", "001")
	app := e.c.With(blockyardtest.WithBearer(e.issue(token.NewAppAccess("app").Stamp(e.now, time.Minute))))
	paths := []string{"/authenticated", "/typed", "/self/" + id}
	for _, p := range paths {
		me.Get(p).ExpectStatus(t, http.StatusNoContent)
	}

	if _, err := blocks.LockIdentity(t.Context(), e.identities, id, e.now).Get(); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		me.Get(p).ExpectError(t, http.StatusUnauthorized, "This account is locked")
	}
	app.Get("/authenticated").ExpectStatus(t, http.StatusNoContent)

	if _, err := e.identities.DeleteOne(t.Context(), bson.D{bson.E{Key: "id", Value: id}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		res := me.Get(p).ExpectError(t, http.StatusForbidden, "Failed to fetch identity")
		if got := string(res.Body); !strings.Contains(got, `"data":{"cause":{"statusCode":404,"name":"NodeblocksError","functionName":"getIdentityById"}}`) {
			t.Errorf("%s: body %s", p, got)
		}
	}
	app.Get("/authenticated").ExpectStatus(t, http.StatusNoContent)
}

// The identity check costs one indexed findOne by id per request: on a
// route that only authenticates, and on a route whose validators and
// handler load the caller several times (the check shares that lookup).
// Counted on the wire, with a command monitor.
func TestIdentityCheckCostsOneLookupPerRequest(t *testing.T) {
	t.Parallel()
	var finds atomic.Int32
	monitor := &event.CommandMonitor{Started: func(_ context.Context, ev *event.CommandStartedEvent) {
		if ev.CommandName == "find" {
			if coll, ok := ev.Command.Lookup("find").StringValueOK(); ok && coll == "identities" {
				finds.Add(1)
			}
		}
	}}
	client, err := mongo.Connect(options.Client().ApplyURI(blockyardtest.URI(t)).SetMonitor(monitor))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Disconnect(context.Background()) })
	db := client.Database(blockyardtest.Database(t).Name())

	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	svc := &primitives.Service{DB: db, Settings: []any{nodeblocks.Config{AuthSecrets: identityTestSecrets}}, Logger: slog.New(slog.DiscardHandler), Clock: func() time.Time { return now }}
	loadsTwice := primitives.Route{
		Method: http.MethodGet, Path: "/me/{identityId}",
		Validators: []primitives.Validator{
			validators.IsAuthenticated,
			validators.CheckIdentityType(validators.TypeRegular),
			validators.Some(validators.CheckIdentityType(validators.TypeAdmin), validators.IsSelf(validators.PathValue("identityId"))),
		},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Identity] {
			validators.Caller(r)
			return validators.Caller(r)
		}, terminators.JSON(http.StatusOK, nil)),
	}
	h, err := svc.Mount(t.Context(), okRoute(http.MethodGet, "/authenticated", validators.IsAuthenticated), loadsTwice)
	if err != nil {
		t.Fatal(err)
	}
	idn, err := blocks.CreateIdentity(t.Context(), db.Collection("identities"), blocks.NewIdentity{Email: "me@example.com", Password: "pw", TypeID: "001"}, now, uuid.NewString).Get()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := blocks.CodecFor(identityTestSecrets).Issue(token.NewUserAccess(idn.ID, blocks.Origin{IP: "192.0.2.1"}, "example.com").Stamp(now, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	me := blockyardtest.NewClient(t, h).With(blockyardtest.WithBearer(tok))
	for _, path := range []string{"/authenticated", "/me/" + idn.ID} {
		finds.Store(0)
		res := me.Get(path)
		if res.Status >= 300 {
			t.Fatalf("%s: %d %s", path, res.Status, res.Body)
		}
		if n := finds.Load(); n != 1 {
			t.Errorf("%s: %d identity lookups, want 1", path, n)
		}
	}
}

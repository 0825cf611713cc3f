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
	"go.mongodb.org/mongo-driver/v2/mongo"
)

var identityTestSecrets = nodeblocks.AuthSecrets{Enc: "validators-test-enc-secret", Sign: "validators-test-sign-secret"}

// countingAuth counts how often the real authenticator runs.
type countingAuth struct{ n atomic.Int32 }

func (c *countingAuth) Authenticate(r *primitives.Request) (*primitives.Principal, error) {
	c.n.Add(1)
	return blocks.TokenAuthenticator{}.Authenticate(r)
}

// identityEnv mounts test routes guarded by the identity validators.
type identityEnv struct {
	t          *testing.T
	identities *mongo.Collection
	auth       *countingAuth
	c          *blockyardtest.Client
	now        time.Time
}

func newIdentityEnv(t *testing.T, rts ...primitives.Route) *identityEnv {
	t.Helper()
	db := blockyardtest.Database(t)
	e := &identityEnv{t: t, identities: db.Collection("identities"), auth: &countingAuth{}, now: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	svc := &primitives.Service{
		DB:       db,
		Settings: []any{nodeblocks.Config{AuthSecrets: identityTestSecrets}},
		Auth:     e.auth,
		Logger:   slog.New(slog.DiscardHandler),
		Clock:    func() time.Time { return e.now },
	}
	parts := make([]primitives.Mountable, len(rts))
	for i, rt := range rts {
		parts[i] = rt
	}
	h, err := svc.Mount(t.Context(), parts...)
	if err != nil {
		t.Fatal(err)
	}
	e.c = blockyardtest.NewClient(t, h)
	return e
}

// identity creates an identity with typeID ("" for none) and returns its id
// and a client carrying a user access token for it (bound to httptest's
// default origin: IP 192.0.2.1, no User-Agent, no fingerprint).
func (e *identityEnv) identity(email, typeID string) (string, *blockyardtest.Client) {
	e.t.Helper()
	idn, err := blocks.CreateIdentity(e.t.Context(), e.identities, blocks.NewIdentity{Email: email, Password: "pw", TypeID: typeID}, e.now, uuid.NewString).Get()
	if err != nil {
		e.t.Fatal(err)
	}
	return idn.ID, e.c.With(blockyardtest.WithBearer(e.issue(token.NewUserAccess(idn.ID, blocks.Origin{IP: "192.0.2.1"}, "example.com").Stamp(e.now, time.Minute))))
}

func (e *identityEnv) issue(c token.Claims) string {
	e.t.Helper()
	s, err := blocks.CodecFor(identityTestSecrets).Issue(c)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// okRoute answers 204 once its validators pass.
func okRoute(method, path string, vs ...primitives.Validator) primitives.Route {
	return primitives.Route{
		Method: method, Path: path, Validators: vs,
		Handler: primitives.Handle(func(*primitives.Request) mo.Result[string] { return mo.Ok("") }, terminators.Empty(http.StatusNoContent, nil)),
	}
}

func TestSomeOfIdentityValidatorsAnswersWithTheFirstError(t *testing.T) {
	t.Parallel()
	e := newIdentityEnv(t, okRoute(http.MethodGet, "/things/{identityId}",
		validators.IsAuthenticated,
		validators.Some(validators.CheckIdentityType(validators.TypeAdmin), validators.IsSelf(validators.PathValue("identityId"))),
	))
	adminID, admin := e.identity("admin@example.com", "100")
	selfID, self := e.identity("self@example.com", "")
	regularID, regular := e.identity("regular@example.com", "001")
	app := e.c.With(blockyardtest.WithBearer(e.issue(token.NewAppAccess("app").Stamp(e.now, time.Minute))))

	admin.Get("/things/"+selfID).ExpectStatus(t, http.StatusNoContent)
	self.Get("/things/"+selfID).ExpectStatus(t, http.StatusNoContent)
	regular.Get("/things/"+regularID).ExpectStatus(t, http.StatusNoContent)
	// Both alternatives fail: the client sees CheckIdentityType's error,
	// never IsSelf's "Identity ID does not match".
	self.Get("/things/"+adminID).ExpectError(t, http.StatusForbidden, "Invalid identity type ID")
	regular.Get("/things/"+selfID).ExpectError(t, http.StatusForbidden, "Identity is not authorized to access this resource")
	app.Get("/things/"+selfID).ExpectError(t, http.StatusUnauthorized, "Invalid token")
	e.c.Get("/things/"+selfID).ExpectError(t, http.StatusUnauthorized, "token could not be verified")

	// The caller's identity is gone: 403 with the lookup as cause.
	if _, err := e.identities.DeleteOne(t.Context(), bson.D{bson.E{Key: "id", Value: regularID}}); err != nil {
		t.Fatal(err)
	}
	res := regular.Get("/things/"+selfID).ExpectError(t, http.StatusForbidden, "Failed to fetch identity")
	if got := string(res.Body); !strings.Contains(got, `{"cause":{"statusCode":404,"name":"NodeblocksError","functionName":"getIdentityById"}}`) {
		t.Errorf("body %s", got)
	}
}

func TestIsSelfReadsTypedSources(t *testing.T) {
	t.Parallel()
	e := newIdentityEnv(t,
		okRoute(http.MethodPost, "/body", validators.IsSelf(validators.BodyField("identityId"))),
		okRoute(http.MethodGet, "/query", validators.IsSelf(validators.QueryValue("identityId"))),
	)
	selfID, self := e.identity("self@example.com", "")
	self.Post("/body", map[string]any{"identityId": selfID}).ExpectStatus(t, http.StatusNoContent)
	self.Post("/body", map[string]any{"identityId": "someone"}).ExpectError(t, http.StatusForbidden, "Identity ID does not match")
	self.Post("/body", map[string]any{"identityId": 12}).ExpectError(t, http.StatusForbidden, "Identity ID does not match")
	self.Post("/body", map[string]any{}).ExpectError(t, http.StatusForbidden, "Identity ID is required")
	self.Get("/query?identityId="+selfID).ExpectStatus(t, http.StatusNoContent)
	self.Get("/query").ExpectError(t, http.StatusForbidden, "Identity ID is required")
	e.c.Get("/query?identityId="+selfID).ExpectError(t, http.StatusUnauthorized, "token could not be verified")
}

func TestCheckIdentityTypeUsesTheConfiguredTypeIDs(t *testing.T) {
	t.Parallel()
	e := newIdentityEnv(t, okRoute(http.MethodGet, "/guests", validators.CheckIdentityType(validators.TypeGuest, validators.TypeRegular)))
	_, guest := e.identity("guest@example.com", "000")
	_, regular := e.identity("regular@example.com", "001")
	_, admin := e.identity("admin@example.com", "100")
	guest.Get("/guests").ExpectStatus(t, http.StatusNoContent)
	regular.Get("/guests").ExpectStatus(t, http.StatusNoContent)
	admin.Get("/guests").ExpectError(t, http.StatusForbidden, "Identity is not authorized to access this resource")

	defer func() {
		if recover() == nil {
			t.Error("an unknown type name must panic")
		}
	}()
	validators.CheckIdentityType("superuser")
}

// Several validators and the handler ask for the caller: the token is
// verified once and the identity read once per request.
func TestARequestAuthenticatesOnce(t *testing.T) {
	t.Parallel()
	var e *identityEnv
	var sawSame atomic.Bool
	rt := primitives.Route{
		Method: http.MethodGet, Path: "/me/{identityId}",
		Validators: []primitives.Validator{
			validators.IsAuthenticated,
			validators.CheckIdentityType(validators.TypeAdmin, validators.TypeRegular),
			validators.Some(validators.CheckIdentityType(validators.TypeAdmin), validators.IsSelf(validators.PathValue("identityId"))),
			// Remove the document: later readers must not query again.
			func(r *primitives.Request) error {
				_, err := e.identities.DeleteMany(context.Background(), bson.D{})
				return err
			},
		},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[*blocks.Identity] {
			first := validators.Caller(r)
			second := validators.Caller(r)
			sawSame.Store(first.MustGet() == second.MustGet())
			return first
		}, terminators.JSON(http.StatusOK, nil)),
	}
	e = newIdentityEnv(t, rt)
	id, me := e.identity("me@example.com", "001")
	got := me.Get("/me/"+id).ExpectStatus(t, http.StatusOK).Map()
	if got["id"] != id || !sawSame.Load() {
		t.Errorf("caller %v, same pointer %v", got, sawSame.Load())
	}
	if n := e.auth.n.Load(); n != 1 {
		t.Errorf("authenticated %d times, want 1", n)
	}
}

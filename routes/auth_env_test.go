package routes_test

import (
	"bytes"
	"context"
	"log/slog"
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
)

var authTestSecrets = nodeblocks.AuthSecrets{Enc: "routes-test-enc-secret-0123", Sign: "routes-test-sign-secret-0123"}

// authEnv is a service mounting features.Auth and features.Identities over
// a fresh database, with a clock the test moves and logs in a buffer.
type authEnv struct {
	t   *testing.T
	db  *mongo.Database
	svc *primitives.Service
	c   *blockyardtest.Client

	mu   sync.Mutex
	now  time.Time
	logs authLogBuffer
}

// authLogBuffer is a bytes.Buffer safe for concurrent request logs.
type authLogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *authLogBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *authLogBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newAuthEnv(t *testing.T, configure ...func(*nodeblocks.Config)) *authEnv {
	t.Helper()
	e := &authEnv{t: t, db: blockyardtest.Database(t), now: time.Date(2026, 11, 21, 23, 36, 54, 956_000_000, time.UTC)}
	cfg := nodeblocks.Config{AuthSecrets: authTestSecrets}
	for _, f := range configure {
		f(&cfg)
	}
	e.svc = &primitives.Service{
		DB:       e.db,
		Settings: []any{cfg},
		Logger:   slog.New(slog.NewJSONHandler(&e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Clock:    e.clock,
	}
	h, err := e.svc.Mount(t.Context(), features.Auth(), features.Identities())
	if err != nil {
		t.Fatal(err)
	}
	e.c = blockyardtest.NewClient(t, h)
	return e
}

func (e *authEnv) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *authEnv) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

func (e *authEnv) identities() *mongo.Collection { return e.db.Collection("identities") }

func (e *authEnv) refreshTokens() *mongo.Collection { return e.db.Collection("refreshtokens") }

// register registers through the route and returns the identity id.
func (e *authEnv) register(email, password string) string {
	e.t.Helper()
	e.c.Post("/auth/register", map[string]string{"email": email, "password": password}).ExpectStatus(e.t, http.StatusCreated)
	var idn blocks.Identity
	if err := e.identities().FindOne(e.t.Context(), bson.D{bson.E{Key: "email", Value: email}}).Decode(&idn); err != nil {
		e.t.Fatal(err)
	}
	return idn.ID
}

// setType gives an identity a typeId directly in the database.
func (e *authEnv) setType(id, typeID string) {
	e.t.Helper()
	if _, err := e.identities().UpdateOne(e.t.Context(), bson.D{bson.E{Key: "id", Value: id}},
		bson.D{bson.E{Key: "$set", Value: bson.D{bson.E{Key: "typeId", Value: typeID}}}}); err != nil {
		e.t.Fatal(err)
	}
}

// authTokens are a bearer-mode login answer.
type authTokens struct {
	AccessToken  string `json:"accessToken"`
	ID           string `json:"id"`
	RefreshToken string `json:"refreshToken"`
}

func (e *authEnv) login(email, password string, opts ...blockyardtest.RequestOption) authTokens {
	e.t.Helper()
	var tk authTokens
	e.c.Post("/auth/login", map[string]string{"email": email, "password": password}, opts...).ExpectStatus(e.t, http.StatusOK).JSON(e.t, &tk)
	return tk
}

// admin ensures an administrator and returns a client logged in as it.
func (e *authEnv) admin() (*blockyardtest.Client, string) {
	e.t.Helper()
	res, err := blocks.EnsureAdmin(context.Background(), e.identities(), blocks.AdminSpec{
		Email: "admin@example.com", Password: "admin-password", AdminTypeID: nodeblocks.Settings.Of(e.svc).IdentityTypes.Admin,
	}, e.clock(), uuid.NewString).Get()
	if err != nil {
		e.t.Fatal(err)
	}
	tk := e.login("admin@example.com", "admin-password")
	return e.c.With(blockyardtest.WithBearer(tk.AccessToken)), res.Identity.ID
}

// user registers and logs in a user, returning a client and the authTokens.
func (e *authEnv) user(email string) (*blockyardtest.Client, authTokens) {
	e.t.Helper()
	e.register(email, "user-password")
	tk := e.login(email, "user-password")
	return e.c.With(blockyardtest.WithBearer(tk.AccessToken)), tk
}

func (e *authEnv) identity(id string) *blocks.Identity {
	e.t.Helper()
	idn, err := blocks.GetIdentityByID(e.t.Context(), e.identities(), id).Get()
	if err != nil {
		e.t.Fatal(err)
	}
	return idn
}

func (e *authEnv) refreshRow(filter bson.D) blocks.RefreshTokenRow {
	e.t.Helper()
	var row blocks.RefreshTokenRow
	if err := e.refreshTokens().FindOne(e.t.Context(), filter).Decode(&row); err != nil {
		e.t.Fatal(err)
	}
	return row
}

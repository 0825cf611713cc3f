package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
)

const (
	adminEmail = "admin@example.com"
	password   = "a-password-for-tests"
	testOrigin = "https://admin.example.com"
)

// testApp is the app on a fresh database, as main mounts it: the API
// under /api (CORS for testOrigin), the pages beside it.
type testApp struct {
	svc     *primitives.Service
	handler http.Handler
	anon    *blockyardtest.Client // no token
	admin   *blockyardtest.Client // an administrator's token
	user    *blockyardtest.Client // a registered identity that is not an administrator
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	ctx := t.Context()
	svc := &primitives.Service{
		DB:       blockyardtest.Database(t),
		Logger:   blockyardtest.Logger(t),
		Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Enc: "test-encryption-secret", Sign: "test-signing-secret-1"}}},
	}
	api, err := newAPI(ctx, svc, []string{testOrigin})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", api))
	pages(mux.Handle)

	identities := nodeblocks.Identities(svc)
	blocks.EnsureAdmin(ctx, identities, blocks.AdminSpec{Email: adminEmail, Password: password, AdminTypeID: "100"}, time.Now(), uuid.NewString).MustGet()
	blocks.CreateIdentity(ctx, identities, blocks.NewIdentity{Email: "user@example.com", Password: password}, time.Now(), uuid.NewString).MustGet()

	c := blockyardtest.NewClient(t, mux)
	return &testApp{
		svc: svc, handler: mux, anon: c,
		admin: c.Login(t, "/api/auth/login", adminEmail, password),
		user:  c.Login(t, "/api/auth/login", "user@example.com", password),
	}
}

// apiError is the app's error body.
type apiError struct {
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"` // a validation error's problems, a duplicate's fields
}

// expectMessage checks the status and the app's {"message": ...} body.
func expectMessage(t *testing.T, r *blockyardtest.Response, status int, message string) apiError {
	t.Helper()
	r.ExpectStatus(t, status)
	var e apiError
	r.JSON(t, &e)
	if e.Message != message {
		t.Fatalf("%s: message %q, want %q\nbody: %s", r, e.Message, message, r.Body)
	}
	return e
}

// expectProblem checks a 400 "Validation Error" naming location with rule.
func expectProblem(t *testing.T, r *blockyardtest.Response, location, rule string) {
	t.Helper()
	e := expectMessage(t, r, http.StatusBadRequest, "Validation Error")
	var problems []map[string]any
	if err := json.Unmarshal(e.Data, &problems); err != nil {
		t.Fatalf("%s: data is not a list of problems: %s", r, r.Body)
	}
	if !slices.ContainsFunc(problems, func(p map[string]any) bool { return p["location"] == location && p["rule"] == rule }) {
		t.Fatalf("%s: no problem %s/%s in %s", r, location, rule, r.Body)
	}
}

// decode decodes the body into a T.
func decode[T any](t *testing.T, r *blockyardtest.Response) T {
	t.Helper()
	var v T
	r.JSON(t, &v)
	return v
}

// keys is the sorted keys of a JSON object.
func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// createOrg posts an organization and returns it.
func (a *testApp) createOrg(t *testing.T, body map[string]any) Organization {
	t.Helper()
	return decode[Organization](t, a.admin.Post("/api/organizations", body).ExpectStatus(t, http.StatusCreated))
}

// stored reads a document of coll as the database holds it.
func stored(t *testing.T, a *testApp, coll, id string) map[string]any {
	t.Helper()
	var m bson.M
	if err := a.svc.DB.Collection(coll).FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Decode(&m); err != nil {
		t.Fatalf("read %s %s: %v", coll, id, err)
	}
	return m
}

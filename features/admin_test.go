package features_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// The recipe of the README's testing section: seed the first administrator,
// log in through the API, call an admin route.
func TestEnsureAdminThenLogIn(t *testing.T) {
	t.Parallel()
	svc := &primitives.Service{DB: blockyardtest.Database(t), Settings: []any{orgTestConfig}, Logger: blockyardtest.Logger(t)}
	api, err := svc.Mount(t.Context(), features.Auth(), features.Identities())
	if err != nil {
		t.Fatal(err)
	}
	res, err := features.EnsureAdmin(t.Context(), svc, "admin@example.com", "correct-horse")
	if err != nil || res.Outcome != blocks.AdminCreated {
		t.Fatalf("EnsureAdmin = %v, %v", res.Outcome, err)
	}
	if res, err := features.EnsureAdmin(t.Context(), svc, "admin@example.com", "correct-horse"); err != nil || res.Outcome != blocks.AdminAlready {
		t.Fatalf("second EnsureAdmin = %v, %v", res.Outcome, err)
	}
	admin := blockyardtest.NewClient(t, api).Login(t, "/auth/login", "admin@example.com", "correct-horse")
	admin.Get("/identities").ExpectStatus(t, http.StatusOK)
}

// Before any Mount, concurrent seeding still creates one administrator: the
// helper creates the unique e-mail index first.
func TestEnsureAdminBeforeMountCreatesOneAdmin(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t)
	svc := &primitives.Service{DB: db}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := features.EnsureAdmin(t.Context(), svc, "admin@example.com", "pw"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n, err := db.Collection("identities").CountDocuments(t.Context(), bson.D{{Key: "email", Value: "admin@example.com"}}); err != nil || n != 1 {
		t.Fatalf("%d identities with the admin e-mail (%v), want 1", n, err)
	}
}

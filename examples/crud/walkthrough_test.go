package main

import (
	"bytes"
	"encoding/csv"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

// TestWalkthrough follows the README's walk-through, request by request,
// on the example's API mounted in-process.
func TestWalkthrough(t *testing.T) {
	svc := &primitives.Service{DB: blockyardtest.Database(t), Logger: slog.New(slog.DiscardHandler), Settings: []any{nodeblocks.Config{
		AuthSecrets: nodeblocks.AuthSecrets{Enc: "walkthrough-enc-secret-0123456789", Sign: "walkthrough-sign-secret-0123456789"}, IgnoreIP: true,
	}}}
	h := mountAPI(t, svc)
	// -create-admin admin@example.com
	if _, err := features.EnsureAdmin(t.Context(), svc, "admin@example.com", "correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	// Every answer is checked against the document of the program's routes
	// (the same routes, mounted again for their table).
	router, err := svc.Mount(t.Context(), api()...)
	if err != nil {
		t.Fatal(err)
	}
	c := blockyardtest.NewClient(t, h).CheckedAgainst(router.Routes(), "/api")
	admin := c.Login(t, "/api/auth/login", "admin@example.com", "correct horse battery staple")

	// 1. An organization and its campuses.
	admin.Post("/api/organizations", map[string]any{"data": map[string]any{"name": "Acme School"}}).ExpectStatus(t, http.StatusOK)
	var orgs struct {
		Rows []struct{ ID, Name string }
	}
	admin.Get("/api/organizations?name=acme").ExpectStatus(t, http.StatusOK).JSON(t, &orgs)
	if len(orgs.Rows) != 1 {
		t.Fatalf("organizations: %+v", orgs)
	}
	org := orgs.Rows[0].ID
	admin.Post("/api/campuses?organizationId="+org, map[string]any{"data": map[string]any{"name": "North", "address": "1 Hill Road"}}).ExpectStatus(t, http.StatusOK)
	admin.Post("/api/campuses?organizationId="+org, map[string]any{"data": map[string]any{"name": "South"}}).ExpectStatus(t, http.StatusOK)
	res := admin.Post("/api/campuses?organizationId="+org, map[string]any{"data": map[string]any{"address": "x"}}).ExpectStatus(t, http.StatusBadRequest)
	if !strings.Contains(string(res.Body), `"location":"body.data.name"`) {
		t.Errorf("field-named error: %s", res.Body)
	}

	// 2. A role, and a user who has it in the organization.
	admin.Post("/api/roles", map[string]any{"data": map[string]any{"name": "owner", "permissions": []string{
		"READ_ORGANIZATIONS", "UPDATE_ORGANIZATIONS", "DELETE_ORGANIZATIONS",
		"READ_CAMPUSES", "CREATE_CAMPUSES", "UPDATE_CAMPUSES", "DELETE_CAMPUSES", "READ_USERS"}}}).ExpectStatus(t, http.StatusOK)
	var roles []struct{ ID, Label string }
	admin.Get("/api/roles/autocomplete?query=owner").ExpectStatus(t, http.StatusOK).JSON(t, &roles)
	c.Post("/api/auth/register", map[string]any{"email": "olivia@example.com", "password": "olivia's long password"}).ExpectStatus(t, http.StatusCreated)
	var login struct{ ID string }
	c.Post("/api/auth/login", map[string]any{"email": "olivia@example.com", "password": "olivia's long password"}).ExpectStatus(t, http.StatusOK).JSON(t, &login)
	olivia := c.Login(t, "/api/auth/login", "olivia@example.com", "olivia's long password")
	olivia.Get("/api/campuses").ExpectStatus(t, http.StatusForbidden)
	admin.Post("/api/users?organizationId="+org, map[string]any{"data": map[string]any{"identityId": login.ID, "roleId": roles[0].ID}}).ExpectStatus(t, http.StatusOK)

	// 3. Olivia works in her organization only.
	var campuses struct {
		Rows  []map[string]any
		Count int
	}
	olivia.Get("/api/campuses?field=name&sort=asc").ExpectStatus(t, http.StatusOK).JSON(t, &campuses)
	if campuses.Count != 2 || campuses.Rows[0]["name"] != "North" {
		t.Fatalf("olivia's campuses: %+v", campuses)
	}
	var detail struct {
		Name     string
		Campuses []map[string]any
		Users    []map[string]any
	}
	olivia.Get("/api/organizations/"+org).ExpectStatus(t, http.StatusOK).JSON(t, &detail)
	if detail.Name != "Acme School" || len(detail.Campuses) != 2 || len(detail.Users) != 1 {
		t.Errorf("organization with relations: %+v", detail)
	}
	olivia.Post("/api/organizations", map[string]any{"data": map[string]any{"name": "Mine"}}).ExpectStatus(t, http.StatusForbidden)

	// 4. CSV: export, then import the file with a new row.
	export := olivia.Get("/api/campuses?filetype=csv").ExpectStatus(t, http.StatusOK)
	rows, err := csv.NewReader(bytes.NewReader(export.Body)).ReadAll()
	if err != nil || len(rows) != 3 || strings.Join(rows[0], ",") != "id,name,address" {
		t.Fatalf("export: %q %v", export.Body, err)
	}
	file := string(export.Body) + ",East,\"=HYPERLINK(\"\"x\"\")\"\r\n"
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "campuses.csv")
	fw.Write([]byte(file))
	mw.Close()
	ct := blockyardtest.WithHeader("Content-Type", mw.FormDataContentType())
	olivia.Do(http.MethodPost, "/api/campuses/bulk-import", buf.Bytes(), ct).ExpectStatus(t, http.StatusOK)
	olivia.Do(http.MethodPost, "/api/campuses/bulk-import", buf.Bytes(), ct).ExpectStatus(t, http.StatusOK) // again: adds nothing
	olivia.Get("/api/campuses/count").ExpectStatus(t, http.StatusOK).JSON(t, &campuses)
	if campuses.Count != 3 {
		t.Errorf("after import: %d campuses, want 3", campuses.Count)
	}
	if got := string(olivia.Get("/api/campuses?filetype=csv&name=east").Body); !strings.Contains(got, `,East,"'=HYPERLINK(""x"")"`) {
		t.Errorf("formula not neutralised: %q", got)
	}
}

// mountAPI serves the program's MountFunc on svc under /api, as app.Run
// does.
func mountAPI(t *testing.T, svc *primitives.Service) http.Handler {
	t.Helper()
	o := options
	o.APIPrefix = "/api"
	h, err := mount(t.Context(), &app.App{Options: o, Service: svc, Logger: svc.Logger, DB: svc.DB})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", h))
	return mux
}

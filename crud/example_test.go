package crud_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/blockyard/blockyard/crud"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/internal/embeddeddb"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// A resource declared once serves its routes: an administrator creates
// campuses in an organization, lists them by name and exports them.
func Example() {
	type Campus struct {
		Name    string `json:"name" validate:"required,max=100"`
		Address string `json:"address,omitempty" validate:"omitempty,max=200"`
	}
	campuses := &crud.Resource[Campus]{
		Name:       "campuses",
		ScopeField: "organizationId",
		Filters:    []crud.Filter{crud.Contains("name")},
		Sortable:   []string{"name"},
		CSV:        []string{"name", "address"},
		Label:      "name",
	}

	ctx := context.Background()
	db, stop, err := embeddeddb.TempDatabase("app")
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = stop() }()
	svc := &primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler), Settings: []any{nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{
		Enc: "an-encryption-secret-of-18+-chars", Sign: "a-signing-secret-of-18+-characters",
	}}}}
	api, err := svc.Mount(ctx, features.Auth(), campuses.Feature())
	if err != nil {
		log.Fatal(err)
	}
	if _, err := features.EnsureAdmin(ctx, svc, "admin@example.com", "correct horse battery staple"); err != nil {
		log.Fatal(err)
	}

	token := ""
	call := func(method, path string, body any) string {
		var buf bytes.Buffer
		if body != nil {
			_ = json.NewEncoder(&buf).Encode(body)
		}
		req := httptest.NewRequest(method, path, &buf)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		return fmt.Sprint(rec.Code, " ", rec.Body.String())
	}
	var session struct{ AccessToken string }
	req := httptest.NewRequest(http.MethodPost, "/auth/login", bytes.NewBufferString(`{"email":"admin@example.com","password":"correct horse battery staple"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, req)
	_ = json.Unmarshal(rec.Body.Bytes(), &session)
	token = session.AccessToken

	fmt.Println(call(http.MethodPost, "/campuses?organizationId=org-1", map[string]any{"data": map[string]any{"name": "North", "address": "1 Hill Road"}}))
	fmt.Println(call(http.MethodPost, "/campuses?organizationId=org-1", map[string]any{"data": map[string]any{"name": "=South"}}))
	fmt.Println(call(http.MethodPost, "/campuses?organizationId=org-1", map[string]any{"data": map[string]any{"address": "nowhere"}}))
	fmt.Println(call(http.MethodGet, "/campuses/count?name=north", nil))
	fmt.Println(strings.ReplaceAll(call(http.MethodGet, "/campuses?filetype=csv&field=name&sort=desc", nil), "\r\n", "\n"))
	// Output:
	// 200 true
	// 200 true
	// 400 {"error":{"message":"Validation Error","data":[{"location":"body.data.name","rule":"required","message":"is required"}]}}
	// 200 {"rows":[],"count":1}
	// 200 name,address
	// North,1 Hill Road
	// '=South,
}

package tenancy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/internal/embeddeddb"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/tenancy"
)

// Two tenants on one client: the same e-mail registers in both, a token
// works in its own tenant only, and the registry answers in the MultiCRM
// envelope.
func Example() {
	ctx := context.Background()
	db, stop, err := embeddeddb.TempDatabase("registry")
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = stop() }()
	svc := &primitives.Service{DB: db, Logger: slog.New(slog.DiscardHandler), Settings: []any{nodeblocks.Config{
		AuthSecrets: nodeblocks.AuthSecrets{Enc: "an-encryption-secret-of-18+-chars", Sign: "a-signing-secret-of-18+-characters"},
	}}}
	tn, err := tenancy.New(ctx, tenancy.Options{Service: svc, Features: []primitives.Mountable{features.Auth(), tenancy.Info}})
	if err != nil {
		log.Fatal(err)
	}
	registry, err := svc.Mount(ctx, features.Auth(), tn.Registry())
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/tenant/", http.StripPrefix("/tenant", tn.Handler()))
	mux.Handle("/", registry)

	call := func(method, path, tenant, token string, body any) (int, string) {
		var buf bytes.Buffer
		if body != nil {
			_ = json.NewEncoder(&buf).Encode(body)
		}
		req := httptest.NewRequest(method, path, &buf)
		req.Header.Set("Content-Type", "application/json")
		if tenant != "" {
			req.Header.Set("x-tenant-id", tenant)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	login := func(path, tenant, email, password string) string {
		_, body := call(http.MethodPost, path, tenant, "", map[string]string{"email": email, "password": password})
		var s struct{ AccessToken string }
		_ = json.Unmarshal([]byte(body), &s)
		return s.AccessToken
	}

	if _, err := features.EnsureAdmin(ctx, svc, "root@example.com", "root-password-123"); err != nil {
		log.Fatal(err)
	}
	root := login("/auth/login", "", "root@example.com", "root-password-123")
	a, _ := tn.Create(ctx, "Acme", "acme").Get() // what POST /tenants does
	b, _ := tn.Create(ctx, "Globex", "globex").Get()
	fmt.Println(call(http.MethodPost, "/tenants", "", root, map[string]string{"name": "Again", "domain": "ACME"}))

	for _, t := range []tenancy.Tenant{a, b} {
		code, _ := call(http.MethodPost, "/tenant/auth/register", t.ID, "", map[string]string{"email": "ann@example.com", "password": "password-of-" + t.Domain})
		fmt.Println(t.Name, "register:", code)
	}
	ann := login("/tenant/auth/login", a.ID, "ann@example.com", "password-of-acme")
	code, _ := call(http.MethodPost, "/tenant/auth/token/check", a.ID, "", map[string]string{"token": ann})
	fmt.Println("Acme's token in Acme:", code)
	code, _ = call(http.MethodPost, "/tenant/auth/token/check", b.ID, "", map[string]string{"token": ann})
	fmt.Println("Acme's token in Globex:", code)
	fmt.Println(call(http.MethodPost, "/tenant/auth/token/check", b.ID, ann, map[string]string{"token": ann}))
	fmt.Println(call(http.MethodGet, "/tenant/", "", "", nil))
	// Output:
	// 409 {"success":false,"error":"Domain already in use"}
	// Acme register: 201
	// Globex register: 201
	// Acme's token in Acme: 200
	// Acme's token in Globex: 400
	// 403 {"success":false,"error":"Tenant does not match the access token"}
	// 400 {"success":false,"error":"Missing x-tenant-id header"}
}

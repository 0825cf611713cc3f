package tenancy

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestRegistryCreate: 201 in the MultiCRM envelope, the tenant stored, and
// its database holding every mounted feature's indexes before the answer.
func TestRegistryCreate(t *testing.T) {
	e := newEnv(t, Options{}, nil)
	res := e.Admin.Post("/api/tenants", map[string]string{"name": " Acme ", "domain": "Acme.Example"}).ExpectStatus(t, http.StatusCreated)
	var got map[string]json.RawMessage
	res.JSON(t, &got)
	if keys := slices.Sorted(func(yield func(string) bool) {
		for k := range got {
			if !yield(k) {
				return
			}
		}
	}); !slices.Equal(keys, []string{"data", "message", "success"}) {
		t.Fatalf("keys %v in %s", keys, res)
	}
	if string(got["success"]) != "true" || string(got["message"]) != `"Tenant created successfully"` {
		t.Fatalf("body %s", res)
	}
	var tn Tenant
	json.Unmarshal(got["data"], &tn)
	if tn.ID == "" || tn.Name != "Acme" || tn.Domain != "acme.example" || tn.CreatedAt == "" || tn.UpdatedAt != tn.CreatedAt {
		t.Fatalf("tenant %+v", tn)
	}
	var data map[string]any
	json.Unmarshal(got["data"], &data)
	if len(data) != 5 {
		t.Errorf("data has %d fields: %v", len(data), data)
	}

	// Stored in the registry.
	n, err := e.Service.DB.Collection(DefaultCollection).CountDocuments(t.Context(), bson.D{{Key: "id", Value: tn.ID}, {Key: "domain", Value: "acme.example"}})
	if err != nil || n != 1 {
		t.Fatalf("registry holds %d (%v)", n, err)
	}
	// The tenant's database has the features' indexes already.
	db := e.Client.Database(e.T.DatabaseName(tn.ID))
	for coll, index := range map[string]string{"identities": "email", "organizations": "id", "profiles": "id", "refreshtokens": "jti"} {
		specs, err := db.Collection(coll).Indexes().ListSpecifications(t.Context())
		if err != nil {
			t.Fatalf("%s: %v", coll, err)
		}
		found := false
		for _, s := range specs {
			var keys bson.D
			bson.Unmarshal(s.KeysDocument, &keys)
			if len(keys) > 0 && keys[0].Key == index {
				found = true
			}
		}
		if !found {
			t.Errorf("%s has no index on %s: %v", coll, index, specs)
		}
	}
}

// TestRegistryCreateRefuses: 400 without name or domain (or with ones that
// cannot be stored), 409 for a taken domain whatever its case.
func TestRegistryCreateRefuses(t *testing.T) {
	e := newEnv(t, Options{}, nil)
	for _, body := range []any{
		map[string]any{},
		map[string]any{"name": "Acme"},
		map[string]any{"domain": "acme.example"},
		map[string]any{"name": "  ", "domain": "acme.example"},
		map[string]any{"name": 7, "domain": "acme.example"},
		[]any{"Acme", "acme.example"},
	} {
		expectFailure(t, e.Admin.Post("/api/tenants", body).ExpectStatus(t, http.StatusBadRequest), "Name and domain are required")
	}
	for _, d := range []string{"acme example", "acme_example", "-acme.example", "acme..example", "ac/me"} {
		expectFailure(t, e.Admin.Post("/api/tenants", map[string]any{"name": "Acme", "domain": d}).ExpectStatus(t, http.StatusBadRequest), ErrBadDomain.Message)
	}
	e.createTenant(t, "Acme", "acme.example")
	expectFailure(t, e.Admin.Post("/api/tenants", map[string]any{"name": "Other", "domain": "ACME.example"}).ExpectStatus(t, http.StatusConflict), "Domain already in use")
	var list struct{ Data []Tenant }
	e.Admin.Get("/api/tenants").ExpectStatus(t, http.StatusOK).JSON(t, &list)
	if len(list.Data) != 1 {
		t.Fatalf("the refused creations left tenants: %+v", list.Data)
	}
}

// TestRegistryListAndGet: newest first; 404 for an unknown id.
func TestRegistryListAndGet(t *testing.T) {
	e := newEnv(t, Options{}, nil)
	var list struct {
		Success bool     `json:"success"`
		Data    []Tenant `json:"data"`
	}
	e.Admin.Get("/api/tenants").ExpectStatus(t, http.StatusOK).JSON(t, &list)
	if !list.Success || list.Data == nil || len(list.Data) != 0 {
		t.Fatalf("empty list %+v", list)
	}
	var made []Tenant
	for _, d := range []string{"one.example", "two.example", "three.example"} {
		made = append(made, e.createTenant(t, d, d))
		time.Sleep(3 * time.Millisecond) // distinct createdAt
	}
	e.Admin.Get("/api/tenants").ExpectStatus(t, http.StatusOK).JSON(t, &list)
	if len(list.Data) != 3 || list.Data[0] != made[2] || list.Data[1] != made[1] || list.Data[2] != made[0] {
		t.Fatalf("list %+v, made %+v", list.Data, made)
	}
	var one struct {
		Success bool   `json:"success"`
		Data    Tenant `json:"data"`
	}
	e.Admin.Get("/api/tenants/"+made[1].ID).ExpectStatus(t, http.StatusOK).JSON(t, &one)
	if !one.Success || one.Data != made[1] {
		t.Fatalf("get %+v", one)
	}
	expectFailure(t, e.Admin.Get("/api/tenants/no-such-tenant").ExpectStatus(t, http.StatusNotFound), "Tenant not found")
}

// TestRegistryAdminsOnly: no token 401; a registry user who is not an
// administrator 403; a tenant's administrator (whose token carries the
// tenant) 401: the registry is not any tenant's.
func TestRegistryAdminsOnly(t *testing.T) {
	e := newEnv(t, Options{}, nil)
	tn := e.createTenant(t, "Acme", "acme.example")
	e.HTTP.Post("/api/auth/register", map[string]string{"email": "user@registry.test", "password": "user-password-1"}).ExpectStatus(t, http.StatusCreated)
	user := e.HTTP.Login(t, "/api/auth/login", "user@registry.test", "user-password-1")
	tenantAdmin := e.tenantAdmin(t, tn, "admin@acme.example", "tenant-admin-pw")
	for _, call := range []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, "/api/tenants", map[string]string{"name": "X", "domain": "x.example"}},
		{http.MethodGet, "/api/tenants", nil},
		{http.MethodGet, "/api/tenants/" + tn.ID, nil},
	} {
		e.HTTP.Do(call.method, call.path, call.body).ExpectStatus(t, http.StatusUnauthorized)
		expectFailure(t, user.Do(call.method, call.path, call.body).ExpectStatus(t, http.StatusForbidden), "Invalid identity type ID") // a registered identity has no type
		tenantAdmin.Do(call.method, call.path, call.body).ExpectStatus(t, http.StatusUnauthorized)
	}
}

// tenantAdmin makes an administrator in tenant tn and returns its client
// (the tenant header and its token).
func (e *env) tenantAdmin(t *testing.T, tn Tenant, email, password string) *blockyardtest.Client {
	t.Helper()
	svc, err := e.T.Service(tn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := features.EnsureAdmin(t.Context(), svc, email, password); err != nil {
		t.Fatal(err)
	}
	return e.tenant(tn.ID).Login(t, "/api/tenant/auth/login", email, password)
}

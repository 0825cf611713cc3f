// Command multitenant is a multi-tenant CRM backend: a registry of
// tenants, each with a database of its own holding its users, identities,
// organizations, contacts, leads and tasks, selected per request by the
// x-tenant-id header.
//
//	ADMIN_PASSWORD=... go run ./examples/multitenant -create-admin root@example.com
//	go run ./examples/multitenant                      # http://localhost:8080/api
//
// The registry's system administrators log in at /api/auth/login and
// manage tenants under /api/tenants; each tenant's API is under
// /api/tenant/... (auth, identities, organizations, profiles, contacts,
// leads, tasks, and users and roles: who may work on the CRM records; a
// registered identity may not until the tenant's administrator, created
// with TENANT_ID=<id> -create-admin, makes it a user). One OpenAPI
// document describes both, served with its page at /api/openapi.json,
// /api/openapi-3.0.json and /api/docs. Package app gives the database,
// secrets, files, logging, -create-admin and graceful shutdown; package
// tenancy the registry and the
// isolation; package ops the health answer, security headers, CORS and
// rate limiting. See README.md for a walk-through.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
	"github.com/blockyard/blockyard/crud"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/ops"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/tenancy"
)

var options = app.Options{Name: "multitenant", Embedded: embedded.Open}

// main serves; with TENANT_ID set, -create-admin and -promote work on
// that tenant's database instead of the registry's: that is how a
// tenant gets its first administrator.
func main() {
	if id := os.Getenv("TENANT_ID"); id != "" {
		options.Database, _ = tenancy.DatabaseName(tenancy.DefaultDatabasePrefix, id)
	}
	app.Main(options, mount)
}

// Contact, Lead and Task are the tenant tables of the MultiCRM original,
// as CRUD resources: each tenant's live in its own database, so they need
// no tenant field.
type Contact struct {
	FirstName string `json:"firstName" validate:"required,max=100"`
	LastName  string `json:"lastName,omitempty" validate:"omitempty,max=100"`
	Email     string `json:"email,omitempty" validate:"omitempty,email,max=254"`
	Phone     string `json:"phone,omitempty" validate:"omitempty,max=40"`
	Company   string `json:"company,omitempty" validate:"omitempty,max=200"`
}

// Lead is a prospective deal.
type Lead struct {
	Title     string  `json:"title" validate:"required,max=200"`
	ContactID string  `json:"contactId,omitempty" validate:"omitempty,max=64"`
	Status    string  `json:"status" validate:"required,oneof=new contacted qualified lost won"`
	Value     float64 `json:"value,omitempty" validate:"omitempty,min=0"`
}

// Task is a to-do of the tenant's team.
type Task struct {
	Title   string `json:"title" validate:"required,max=200"`
	DueDate string `json:"dueDate,omitempty" validate:"omitempty,len=10"` // YYYY-MM-DD, sortable as text
	Done    bool   `json:"done,omitempty" validate:"omitempty"`
}

var (
	contacts = &crud.Resource[Contact]{
		Name:     "contacts",
		Filters:  []crud.Filter{crud.Contains("lastName"), crud.Exact("email")},
		Sortable: []string{"lastName", "createdAt"},
		CSV:      []string{"firstName", "lastName", "email", "phone", "company"},
		Label:    "lastName",
	}
	leads = &crud.Resource[Lead]{
		Name:     "leads",
		Filters:  []crud.Filter{crud.OneOf("status", "new", "contacted", "qualified", "lost", "won"), crud.Exact("contactId")},
		Sortable: []string{"title", "value", "createdAt"},
		Label:    "title",
	}
	tasks = &crud.Resource[Task]{
		Name:     "tasks",
		Filters:  []crud.Filter{crud.Bool("done")},
		Sortable: []string{"dueDate", "createdAt"},
		Label:    "title",
	}
)

// tenantFeatures is what every tenant serves under /api/tenant.
func tenantFeatures() []primitives.Mountable {
	return []primitives.Mountable{
		features.Auth(), features.Identities(), features.Organizations(), features.Profiles(),
		contacts.Feature(), leads.Feature(), tasks.Feature(),
		crud.Roles().Feature(), crud.Users().Feature(), // who may work on the CRM records (crud.MongoAccess)
		tenancy.Info,
	}
}

// mount builds the registry, the tenants' handler and the operations
// middleware around them.
func mount(ctx context.Context, a *app.App) (http.Handler, error) {
	if os.Getenv("TENANT_ID") != "" {
		return nil, errors.New("TENANT_ID is for -create-admin and -promote only")
	}
	tn, err := tenancy.New(ctx, tenancy.Options{Service: a.Service, Features: tenantFeatures(), FromToken: true})
	if err != nil {
		return nil, err
	}
	registry, err := a.Service.Mount(ctx, features.Auth(), tn.Registry())
	if err != nil {
		return nil, err
	}
	docs, err := apiDocs(registry.Routes(), tn.Routes())
	if err != nil {
		return nil, err
	}
	tenants := ops.Limit(ops.RateLimit{})(http.StripPrefix("/tenant", tn.Handler()))
	mux := http.NewServeMux()
	mux.Handle("/tenant/", tenants)
	mux.Handle("/tenant", tenants)
	mux.Handle("/", docs.Wrap(registry))

	a.Handle("GET /health", ops.Health(ops.MongoPing(a.Client), ops.HealthOptions{})(http.NotFoundHandler()))
	mws := []ops.Middleware{
		ops.Headers(ops.SecurityHeaders{}),
		ops.Cors(ops.CORS{Origins: splitList(os.Getenv("CORS_ORIGINS")), Credentials: true, ExposedHeaders: []string{"Retry-After"}}),
	}
	if os.Getenv("ACCESS_LOG") == "combined" {
		mws = append([]ops.Middleware{ops.Log(ops.AccessLog{Logger: a.Logger, Combined: os.Stdout})}, mws...)
	}
	return ops.Chain(mux, mws...), nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

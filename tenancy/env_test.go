package tenancy

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/crud"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// testConfig is the template's built-in domain configuration: the same
// secrets for the registry and every tenant.
var testConfig = nodeblocks.Config{
	AuthSecrets: nodeblocks.AuthSecrets{Enc: "tenancy-tests-enc-secret-0123", Sign: "tenancy-tests-sign-secret-0123"},
	IgnoreIP:    true,
}

const (
	adminEmail    = "root@registry.test"
	adminPassword = "registry-admin-password"
)

// commands records the commands the driver sends, by database.
type commands struct {
	mu  sync.Mutex
	all []event.CommandStartedEvent
}

func (c *commands) monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		c.mu.Lock()
		c.all = append(c.all, *e)
		c.mu.Unlock()
	}}
}

// mark returns the number of commands recorded so far.
func (c *commands) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.all)
}

// since returns the commands recorded after mark.
func (c *commands) since(mark int) []event.CommandStartedEvent {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]event.CommandStartedEvent(nil), c.all[mark:]...)
}

// env is a multi-tenant server on the test database: the registry and its
// administrator's auth under /api, the tenants under /api/tenant.
type env struct {
	T        *Tenancy
	Service  *primitives.Service
	Client   *mongo.Client
	Commands *commands
	HTTP     *blockyardtest.Client
	Admin    *blockyardtest.Client
	Handler  http.Handler
}

// note is the records of the test tenants' CRUD resource.
type note struct {
	Text string `json:"text" validate:"required,max=200"`
}

var notes = &crud.Resource[note]{Name: "notes", Label: "text", Filters: []crud.Filter{crud.Contains("text")}, CSV: []string{"text"}}

// tenantFeatures are the features every test tenant serves.
func tenantFeatures() []primitives.Mountable {
	return []primitives.Mountable{features.Auth(), features.Identities(), features.Organizations(), features.Profiles(), notes.Feature(), Info}
}

var envCounter atomic.Int64

// newEnv starts a multi-tenant server; o's zero fields get test defaults.
// clientOpts, when non-nil, connects the server's client (a proxy, say).
func newEnv(t *testing.T, o Options, clientOpts *options.ClientOptions) *env {
	t.Helper()
	name := blockyardtest.Database(t).Name() // dropped by blockyardtest
	cmds := &commands{}
	if clientOpts == nil {
		clientOpts = blockyardtest.ClientOptions(t)
	}
	client, err := mongo.Connect(clientOpts.SetMonitor(cmds.monitor()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		client.Disconnect(ctx)
	})
	base, _ := url.Parse("http://files.test/files/")
	local, err := blobstore.OpenLocal(t.TempDir(), base, []byte("tenancy-tests-files-secret"), blobstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := &primitives.Service{DB: client.Database(name), Settings: []any{testConfig}, Files: local, Logger: slog.New(slog.DiscardHandler)}
	if o.Features == nil {
		o.Features = tenantFeatures()
	}
	if o.DatabasePrefix == "" {
		o.DatabasePrefix = fmt.Sprintf("blockyardtest_tn%d_", envCounter.Add(1))
	}
	o.Service = svc
	tn, err := New(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropTenantDatabases(t, blockyardtest.ClientOptions(t), o.DatabasePrefix) })
	root, err := svc.Mount(t.Context(), features.Auth(), tn.Registry())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := features.EnsureAdmin(t.Context(), svc, adminEmail, adminPassword); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/tenant/", http.StripPrefix("/api/tenant", tn.Handler()))
	mux.Handle("/api/tenant", http.StripPrefix("/api/tenant", tn.Handler()))
	mux.Handle("/api/", http.StripPrefix("/api", root))
	// Every answer under /api is checked against the document of the
	// registry's routes and the tenants' (under /tenant, behind the
	// resolver: see Tenancy.Routes).
	documented := root.Routes()
	for _, ri := range tn.Routes() {
		ri.Path = "/tenant" + ri.Path
		documented = append(documented, ri)
	}
	c := blockyardtest.NewClient(t, mux).CheckedAgainst(documented, "/api")
	return &env{T: tn, Service: svc, Client: client, Commands: cmds, HTTP: c, Handler: mux,
		Admin: c.Login(t, "/api/auth/login", adminEmail, adminPassword)}
}

// dropTenantDatabases drops every database whose name starts with prefix.
func dropTenantDatabases(t *testing.T, co *options.ClientOptions, prefix string) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	client, err := mongo.Connect(co)
	if err != nil {
		t.Error(err)
		return
	}
	defer client.Disconnect(ctx)
	names, err := client.ListDatabaseNames(ctx, map[string]any{})
	if err != nil {
		t.Error(err)
		return
	}
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			if err := client.Database(n).Drop(ctx); err != nil {
				t.Errorf("drop %s: %v", n, err)
			}
		}
	}
}

// createTenant creates a tenant through the registry's API.
func (e *env) createTenant(t *testing.T, name, domain string) Tenant {
	t.Helper()
	var got struct {
		Success bool   `json:"success"`
		Data    Tenant `json:"data"`
	}
	e.Admin.Post("/api/tenants", map[string]string{"name": name, "domain": domain}).ExpectStatus(t, http.StatusCreated).JSON(t, &got)
	if !got.Success || got.Data.ID == "" {
		t.Fatalf("created %+v", got)
	}
	return got.Data
}

// tenant returns a client of tenant id (its header on every request).
func (e *env) tenant(id string) *blockyardtest.Client {
	return e.HTTP.With(blockyardtest.WithHeader(DefaultHeader, id))
}

// expectFailure checks that res is the MultiCRM error {"success": false,
// "error": message}, nothing more.
func expectFailure(t *testing.T, res *blockyardtest.Response, message string) {
	t.Helper()
	want, _ := json.Marshal(struct {
		Success bool   `json:"success"`
		Error   string `json:"error"`
	}{false, message})
	if got := strings.TrimSpace(string(res.Body)); got != string(want) {
		t.Errorf("%s: body %s, want %s", res, got, want)
	}
}

package tenancy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Defaults of Options.
const (
	DefaultHeader        = "x-tenant-id"
	DefaultCacheTTL      = 30 * time.Second
	DefaultCacheSize     = 10000
	DefaultMaxMounted    = 256
	DefaultLookupTimeout = 2 * time.Second
)

// Options configure a Tenancy. Only Service and Features are required; the
// zero value of every other field means its default.
type Options struct {
	// Service is the template of every tenant's service: its DB is the
	// registry's database, its client (DB.Client()) hosts the tenant
	// databases, and a tenant's service copies its Config, Settings, Files,
	// Auth, Logger, Clock and NewID. It may itself mount the registry
	// routes and the system administrators' auth (see Registry).
	Service *primitives.Service
	// Features are mounted once per tenant, on the tenant's service: the
	// first request of a tenant (or its creation) runs their setups in the
	// tenant's database, and the mounted handler then serves the tenant's
	// requests until it is evicted (see MaxMounted).
	Features []primitives.Mountable
	// Collection is the registry's collection in Service.DB; default
	// "tenants".
	Collection string
	// DatabasePrefix starts every tenant database's name (see
	// DatabaseName); default "tenant_".
	DatabasePrefix string
	// Header names the tenant of a request; default "x-tenant-id".
	Header string
	// Subdomain, when set (say "crm.example.com"), also resolves a request
	// whose Host is "<domain>.crm.example.com" to the tenant whose Domain
	// is <domain>. Without a header and a matching host the request is a
	// 400.
	Subdomain string
	// FromToken also resolves a request that names no tenant otherwise to
	// the tenant its access token was issued in. Whatever FromToken says,
	// a request whose token was issued in another tenant than the one it
	// names is refused (403).
	FromToken bool
	// CacheTTL is how long a resolved tenant is reused without asking the
	// registry again (default 30s): a deleted or renamed tenant is seen by
	// every process within CacheTTL (at once by the process that calls
	// Forget). Unknown tenants are not cached.
	CacheTTL time.Duration
	// CacheSize bounds the resolved tenants kept (default 10000); the
	// least recently used goes first.
	CacheSize int
	// MaxMounted bounds the tenants whose mounted handler is kept (default
	// 256). An evicted tenant is mounted again on its next request, which
	// runs its features' setups again (idempotent index creation).
	MaxMounted int
	// LookupTimeout bounds one registry lookup (default 2s): past it the
	// request is a 503 rather than waiting for the driver's server
	// selection (30s).
	LookupTimeout time.Duration
	// Configure, if set, adjusts a tenant's service before it is mounted:
	// a tenant's own files storage, settings of a host domain, and so on.
	// The service's DB and its token binding are already the tenant's.
	Configure func(svc *primitives.Service, t Tenant) error
}

// Tenancy is a tenant registry, a resolver of the tenant of a request, and
// the per-tenant services its Handler dispatches to. It is safe for
// concurrent use. Build it with New.
type Tenancy struct {
	o        Options
	registry *mongo.Collection
	missing  *primitives.Error
	authMode nodeblocks.AuthMode  // the template's, to find access tokens
	codec    *blocks.Codec        // the template's secrets, to read tokens' tenant claims
	tenants  *lru[Tenant]         // by "id:<id>" and "domain:<domain>"
	mounted  *lru[*tenantHandler] // by tenant id
	mountMu  sync.Mutex           // serializes nothing but the creation of tenantHandlers
}

// tenantHandler is one tenant's mounted features, mounted once.
type tenantHandler struct {
	once   sync.Once
	router *primitives.Router
	err    error
}

// New checks o, creates the registry's indexes (idempotently) and returns
// the Tenancy.
func New(ctx context.Context, o Options) (*Tenancy, error) {
	if o.Service == nil || o.Service.DB == nil {
		return nil, errors.New("tenancy: Options.Service with a DB is required")
	}
	if o.Collection == "" {
		o.Collection = DefaultCollection
	}
	if o.DatabasePrefix == "" {
		o.DatabasePrefix = DefaultDatabasePrefix
	}
	if err := checkPrefix(o.DatabasePrefix); err != nil {
		return nil, err
	}
	if o.Header == "" {
		o.Header = DefaultHeader
	}
	if o.CacheTTL <= 0 {
		o.CacheTTL = DefaultCacheTTL
	}
	if o.CacheSize <= 0 {
		o.CacheSize = DefaultCacheSize
	}
	if o.MaxMounted <= 0 {
		o.MaxMounted = DefaultMaxMounted
	}
	if o.LookupTimeout <= 0 {
		o.LookupTimeout = DefaultLookupTimeout
	}
	t := &Tenancy{
		o:        o,
		registry: o.Service.DB.Collection(o.Collection),
		missing:  ErrMissingTenant,
		tenants:  newLRU[Tenant](o.CacheSize),
		mounted:  newLRU[*tenantHandler](o.MaxMounted),
	}
	cfg := nodeblocks.Settings.Of(o.Service)
	t.authMode = cfg.AuthMode
	t.codec = blocks.CodecFor(nodeblocks.AuthSecrets{Enc: cfg.AuthSecrets.Enc, Sign: cfg.AuthSecrets.Sign})
	if o.Header != DefaultHeader {
		t.missing = primitives.StatusError(http.StatusBadRequest, "Missing "+o.Header+" header")
	}
	if err := ensureRegistryIndexes(ctx, t.registry); err != nil {
		return nil, fmt.Errorf("tenancy: registry indexes: %w", err)
	}
	return t, nil
}

// DatabaseName returns the database of tenant id (see the function
// DatabaseName) under the configured prefix.
func (t *Tenancy) DatabaseName(id string) string {
	name, _ := DatabaseName(t.o.DatabasePrefix, id) // the prefix was checked by New
	return name
}

// Create registers a tenant and prepares its database: when it returns,
// the tenant's database holds every index of the mounted features, and
// requests can name it. A taken domain is ErrConflict; a name or domain
// that cannot be stored is a KindInvalid error; a registry or database
// that does not answer is ErrUnavailable (and nothing stays registered).
func (t *Tenancy) Create(ctx context.Context, name, domain string) mo.Result[Tenant] {
	name, domain, err := normalize(name, domain)
	if err != nil {
		return mo.Err[Tenant](err)
	}
	svc := t.o.Service
	now := blocks.Timestamp(svc.Now())
	tn := Tenant{ID: svc.ID(), Name: name, Domain: domain, CreatedAt: now, UpdatedAt: now}
	lctx, cancel := context.WithTimeout(ctx, t.o.LookupTimeout)
	defer cancel()
	if err := insertTenant(lctx, t.registry, tn).Error(); err != nil {
		return mo.Err[Tenant](err)
	}
	if _, err := t.handler(ctx, tn); err != nil {
		// Do not leave a tenant registered whose database is not ready.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), t.o.LookupTimeout)
		defer cancel()
		_ = deleteTenant(dctx, t.registry, tn.ID)
		return mo.Err[Tenant](ErrUnavailable.Wrap(err))
	}
	t.remember(tn)
	return mo.Ok(tn)
}

// Get returns the registered tenant id, from the cache when it was looked
// up less than CacheTTL ago: ErrNotFound, or ErrUnavailable when the
// registry does not answer within LookupTimeout.
func (t *Tenancy) Get(ctx context.Context, id string) mo.Result[Tenant] {
	return t.lookup(ctx, "id", id)
}

// GetByDomain is Get for the tenant whose Domain is domain.
func (t *Tenancy) GetByDomain(ctx context.Context, domain string) mo.Result[Tenant] {
	return t.lookup(ctx, "domain", domain)
}

// List returns every registered tenant, newest first, from the registry.
func (t *Tenancy) List(ctx context.Context) mo.Result[[]Tenant] {
	lctx, cancel := context.WithTimeout(ctx, t.o.LookupTimeout)
	defer cancel()
	return listTenants(lctx, t.registry)
}

// Forget drops what this process remembers of tenant id: its cached
// record and its mounted handler. A host app that renames or deletes a
// tenant calls it, so that this process sees the change at once (other
// processes see it within CacheTTL).
func (t *Tenancy) Forget(id string) {
	if tn, ok := t.tenants.get("id:"+id, time.Time{}); ok {
		t.tenants.remove("domain:"+tn.Domain, nil)
	}
	t.tenants.remove("id:"+id, nil)
	t.mounted.remove(id, nil)
}

func (t *Tenancy) lookup(ctx context.Context, field, value string) mo.Result[Tenant] {
	now := time.Now()
	if tn, ok := t.tenants.get(field+":"+value, now); ok {
		return mo.Ok(tn)
	}
	if value == "" || len(value) > 256 {
		return mo.Err[Tenant](ErrNotFound)
	}
	lctx, cancel := context.WithTimeout(ctx, t.o.LookupTimeout)
	defer cancel()
	res := findTenant(lctx, t.registry, field, value)
	if tn, err := res.Get(); err == nil {
		t.remember(tn)
	}
	return res
}

// remember caches tn under its id and its domain.
func (t *Tenancy) remember(tn Tenant) {
	exp := time.Now().Add(t.o.CacheTTL)
	t.tenants.put("id:"+tn.ID, tn, exp)
	t.tenants.put("domain:"+tn.Domain, tn, exp)
}

// Service returns a new service for tenant tn: the template's
// dependencies, the tenant's database on the template's client, and
// tokens bound to the tenant (nodeblocks.AuthSecrets.Tenant). It is not
// mounted; Handler mounts one per tenant and keeps it.
func (t *Tenancy) Service(tn Tenant) (*primitives.Service, error) {
	base := t.o.Service
	svc := &primitives.Service{
		DB:       base.DB.Client().Database(t.DatabaseName(tn.ID)),
		Config:   base.Config,
		Settings: bindSettings(base.Settings, tn.ID),
		Files:    base.Files,
		Auth:     base.Auth,
		Logger:   base.Logger,
		Clock:    base.Clock,
		NewID:    base.NewID,
	}
	if t.o.Configure != nil {
		if err := t.o.Configure(svc, tn); err != nil {
			return nil, err
		}
	}
	return svc, nil
}

// bindSettings returns a copy of settings bound to tenant id: the
// built-in domain's tokens carry the tenant (added when the template has
// no nodeblocks.Config: its zero value is the defaults), and the tenancy
// setting names it.
func bindSettings(base []any, id string) []any {
	out := make([]any, 0, len(base)+2)
	bound := false
	for _, v := range base {
		switch c := v.(type) {
		case nodeblocks.Config:
			c.AuthSecrets.Tenant = id
			v, bound = c, true
		case binding:
			continue
		}
		out = append(out, v)
	}
	if !bound {
		out = append(out, nodeblocks.Config{AuthSecrets: nodeblocks.AuthSecrets{Tenant: id}})
	}
	return append(out, binding{tenantID: id})
}

// handler returns tenant tn's mounted features, mounting them (once, even
// under concurrent requests) on the first call. A failed mount is not
// kept: the next request tries again.
func (t *Tenancy) handler(ctx context.Context, tn Tenant) (*primitives.Router, error) {
	h := t.mounted.getOrAdd(tn.ID, time.Now(), time.Time{}, func() *tenantHandler { return new(tenantHandler) })
	h.once.Do(func() {
		svc, err := t.Service(tn)
		if err == nil {
			h.router, err = svc.Mount(ctx, t.o.Features...)
		}
		h.err = err
	})
	if h.err != nil {
		t.mounted.remove(tn.ID, func(v *tenantHandler) bool { return v == h })
		return nil, h.err
	}
	return h.router, nil
}

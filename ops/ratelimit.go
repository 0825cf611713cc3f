package ops

import (
	"container/list"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/blockyard/blockyard/primitives"
)

// Rate is a token bucket: Burst requests at once, refilled at Burst per
// Per. A zero field means the default's (see RateLimit); a Burst below
// zero means no limit.
type Rate struct {
	Burst int
	Per   time.Duration
}

// or fills r's zero fields from def.
func (r Rate) or(def Rate) Rate {
	if r.Burst < 0 {
		return r
	}
	if r.Burst == 0 {
		r.Burst = def.Burst
	}
	if r.Per <= 0 {
		r.Per = def.Per
	}
	return r
}

// Default rates of RateLimit.
var (
	DefaultTenantRate = Rate{Burst: 1200, Per: time.Minute}
	DefaultClientRate = Rate{Burst: 120, Per: time.Minute}
	// DefaultAddressRate bounds a client address across every tenant it
	// names, so that naming a new (made-up) tenant per request does not
	// buy a fresh bucket each time.
	DefaultAddressRate = Rate{Burst: 600, Per: time.Minute}
)

// DefaultMaxBuckets bounds the buckets a RateLimit keeps unless MaxBuckets
// says otherwise.
const DefaultMaxBuckets = 100000

// RateLimit configures Limit. The zero value limits each tenant to
// DefaultTenantRate, each client address within a tenant to
// DefaultClientRate, and each client address across tenants to
// DefaultAddressRate.
type RateLimit struct {
	// Tenant is the bucket of each tenant, shared by all its clients.
	Tenant Rate
	// Client is the bucket of each client address within a tenant.
	Client Rate
	// Address is the bucket of each client address whatever the tenant
	// it names: TenantKey reads a header the client chooses, so without
	// it a client naming a new tenant per request would never be limited.
	Address Rate
	// TenantKey names the tenant of a request; default its x-tenant-id
	// header ("" for none: only the client's bucket applies). Limit runs
	// before the tenant is resolved, so that requests naming unknown
	// tenants are limited too.
	TenantKey func(r *http.Request) string
	// ClientKey names the client; default the connection's address without
	// its port (behind a proxy, the host sets RemoteAddr from a header it
	// trusts, or passes a ClientKey).
	ClientKey func(r *http.Request) string
	// MaxBuckets bounds the memory: past it, the least recently used
	// bucket is forgotten (a forgotten client starts again with a full
	// bucket). Default 100000, a few megabytes.
	MaxBuckets int
	// Reject writes the 429; default {"error":{"message":"Too Many
	// Requests"}}. Retry-After is already set.
	Reject http.Handler
	// Clock tells the time; default time.Now.
	Clock func() time.Time
}

// Limit answers 429 Too Many Requests, with Retry-After (whole seconds
// until the bucket that refused has a token again), to a request when its
// tenant's bucket or its client's bucket within the tenant is empty, and
// passes it on otherwise, taking a token from both. The buckets live in
// the process: several processes each limit on their own (divide the
// rates by their number, or limit at a shared proxy).
func Limit(o RateLimit) Middleware {
	o.Tenant = o.Tenant.or(DefaultTenantRate)
	o.Client = o.Client.or(DefaultClientRate)
	o.Address = o.Address.or(DefaultAddressRate)
	if o.TenantKey == nil {
		o.TenantKey = func(r *http.Request) string { return r.Header.Get("x-tenant-id") }
	}
	if o.ClientKey == nil {
		o.ClientKey = clientAddr
	}
	if o.MaxBuckets <= 0 {
		o.MaxBuckets = DefaultMaxBuckets
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Reject == nil {
		o.Reject = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			primitives.WriteError(w, primitives.StatusError(http.StatusTooManyRequests, "Too Many Requests"))
		})
	}
	l := &limiter{o: o, ll: list.New(), m: map[string]*list.Element{}}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tenant := o.TenantKey(r)
			if wait := l.take(tenant, o.ClientKey(r), o.Clock()); wait > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
				o.Reject.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

type limiter struct {
	o  RateLimit
	mu sync.Mutex
	ll *list.List // of *bucket, front most recently used
	m  map[string]*list.Element
}

type bucket struct {
	key    string
	tokens float64
	at     time.Time
}

// take takes a token from the tenant's, the client's and the client
// address's bucket, or returns how long until the emptiest of them has
// one (and takes none). Without a tenant, the client's bucket is the
// address's already.
func (l *limiter) take(tenant, client string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var tb *bucket
	if tenant != "" && l.o.Tenant.Burst >= 0 {
		tb = l.bucket("t\x00"+tenant, l.o.Tenant, now)
	}
	var cb *bucket
	if l.o.Client.Burst >= 0 {
		cb = l.bucket("c\x00"+tenant+"\x00"+client, l.o.Client, now)
	}
	var ab *bucket
	if tenant != "" && l.o.Address.Burst >= 0 {
		ab = l.bucket("a\x00"+client, l.o.Address, now)
	}
	wait := max(need(tb, l.o.Tenant), need(cb, l.o.Client), need(ab, l.o.Address))
	if wait > 0 {
		return wait
	}
	for _, b := range []*bucket{tb, cb, ab} {
		if b != nil {
			b.tokens--
		}
	}
	return 0
}

// need is how long until b has a whole token, 0 when it has one.
func need(b *bucket, r Rate) time.Duration {
	if b == nil || b.tokens >= 1 {
		return 0
	}
	perToken := float64(r.Per) / float64(r.Burst)
	return time.Duration((1 - b.tokens) * perToken)
}

// bucket returns the bucket of key refilled to now, making a full one for
// a key it does not know.
func (l *limiter) bucket(key string, r Rate, now time.Time) *bucket {
	if el, ok := l.m[key]; ok {
		l.ll.MoveToFront(el)
		b := el.Value.(*bucket)
		if el := now.Sub(b.at); el > 0 {
			b.tokens = min(float64(r.Burst), b.tokens+float64(r.Burst)*float64(el)/float64(r.Per))
			b.at = now
		}
		return b
	}
	b := &bucket{key: key, tokens: float64(r.Burst), at: now}
	l.m[key] = l.ll.PushFront(b)
	for l.ll.Len() > l.o.MaxBuckets {
		old := l.ll.Back()
		l.ll.Remove(old)
		delete(l.m, old.Value.(*bucket).key)
	}
	return b
}

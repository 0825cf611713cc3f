// Package ops holds the operations middleware any host app puts around its
// handlers: a health answer, security headers, CORS, an access log and
// rate limiting. Each is a func(http.Handler) http.Handler built from an
// options struct whose zero value is usable; Chain stacks them.
//
// # Stacking
//
// The usual order, outermost first: the access log (it sees every
// answer, the 429s included), the security headers and CORS (every answer
// carries them, a preflight never reaches the API), the health answer (a
// probe is never rate limited), then the rate limit:
//
//	h := ops.Chain(api,
//		ops.Log(ops.AccessLog{}),
//		ops.Headers(ops.SecurityHeaders{}),
//		ops.Cors(ops.CORS{Origins: []string{"https://app.example.com"}, Credentials: true}),
//		ops.Health(ops.MongoPing(client), ops.HealthOptions{}),
//		ops.Limit(ops.RateLimit{}),
//	)
//
// # Health
//
// Health answers GET /health with the MultiCRM body: 200
// {"status":"ok","timestamp":"...","database":"connected"} when the
// database answers a ping within HealthOptions.Timeout (500 ms), 503 with
// "error" and "disconnected" otherwise. It pings on every probe: a
// stopped database is seen within a second, and its return without a
// restart.
//
// # Rate limiting
//
// Limit keeps a token bucket per tenant (the x-tenant-id header by
// default), one per client address within the tenant and one per client
// address across tenants (a made-up tenant id per request buys no fresh
// bucket), in the process's memory (bounded: RateLimit.MaxBuckets, least
// recently used forgotten first). A request that finds any empty is a 429
// with Retry-After.
// Several processes each limit on their own.
//
// # Shutdown
//
// Graceful shutdown (stop accepting, finish the requests in flight, close
// the database, exit 0 on SIGTERM) is the app package's job, not a
// middleware's.
package ops

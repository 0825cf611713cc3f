package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
)

// loadClients is the number of concurrent HTTP clients of every workload.
const loadClients = 8

// loadRounds is how many times each workload runs on each server, the
// servers taking turns, so that load from other processes on a shared
// machine falls on all of them alike.
const loadRounds = 3

// BenchmarkEmbeddedLoad runs the example server on its embedded database,
// on durable files as `go run ./examples/server` does, once per write
// serialization (none: FerretDB's own behaviour; per database: the
// server's; per collection: for comparison), and loads it over loopback
// HTTP with 8 concurrent clients. One operation is one request:
//
//   - patch: PATCH /api/organizations/{id} of one organization;
//   - get: GET /api/organizations/{id} of that organization;
//   - mixed: 4 clients PATCH the organization while 4 follow and unfollow
//     organizations with one profile (writes of two collections of one
//     database).
//
// Each reports the p50, p99 and max latency (ms) and the throughput
// (req/s). The servers take turns, loadRounds times per workload. Run it
// with a fixed number of requests per measurement:
//
//	go test -run '^$' -bench EmbeddedLoad -benchtime 400x ./examples/server/
func BenchmarkEmbeddedLoad(b *testing.B) {
	modes := []embedded.Serialization{embedded.Unserialized, embedded.PerDatabase, embedded.PerCollection}
	servers := make([]*loadServer, len(modes))
	for i, mode := range modes {
		servers[i] = startLoadServer(b, mode)
	}
	for _, w := range loadWorkloads {
		for range loadRounds {
			for i, mode := range modes {
				b.Run(w.name+"/"+mode.String(), func(b *testing.B) { servers[i].measure(b, w.client) })
			}
		}
	}
}

// loadWorkload is what each client of a workload sends: client c's
// request n.
type loadWorkload struct {
	name   string
	client func(s *loadServer, c, n int) error
}

var loadWorkloads = []loadWorkload{
	{"patch", func(s *loadServer, c, n int) error {
		return s.do(http.MethodPatch, "/organizations/"+s.org, fmt.Sprintf(`{"description":"client %d request %d"}`, c, n), http.StatusOK)
	}},
	{"get", func(s *loadServer, _, _ int) error {
		return s.do(http.MethodGet, "/organizations/"+s.org, "", http.StatusOK)
	}},
	{"mixed", func(s *loadServer, c, n int) error {
		if c%2 == 0 {
			return s.do(http.MethodPatch, "/organizations/"+s.org, fmt.Sprintf(`{"description":"client %d request %d"}`, c, n), http.StatusOK)
		}
		// Client c alone follows and unfollows organization c/2, so each
		// request changes the profile and answers 204.
		path := "/profiles/" + s.profile + "/organization-follows/" + s.followed[c/2]
		if s.following[c/2] = !s.following[c/2]; s.following[c/2] {
			return s.do(http.MethodPut, path, "", http.StatusNoContent)
		}
		return s.do(http.MethodDelete, path, "", http.StatusNoContent)
	}},
}

// loadServer is the example server running in this process, with an
// administrator logged in, an organization it owns and a profile.
type loadServer struct {
	base, token  string
	http         *http.Client
	org, profile string
	followed     [loadClients / 2]string // organizations the mixed workload follows
	following    [loadClients / 2]bool   // whether the profile follows followed[i]; one client each
	stop         context.CancelFunc
	done         chan error
}

// startLoadServer starts the server with the given serialization on a
// fresh data directory (on disk: b.TempDir, not tmpfs), creates the
// administrator, and the organization and profile the workloads use. It
// stops the server when b ends.
func startLoadServer(b *testing.B, mode embedded.Serialization) *loadServer {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	o := options
	o.Embedded = embedded.Options{Writes: mode}.Open
	cfg, err := app.ParseConfig(o, []string{"-addr", addr, "-data", b.TempDir()}, func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithCancel(context.Background())
	const email, password = "load-admin@example.com", "load-admin-password"
	admin := cfg
	admin.CreateAdmin, admin.AdminPassword = email, password
	if err := app.Run(ctx, o, admin, log, mount); err != nil {
		b.Fatalf("create the administrator: %v", err)
	}

	s := &loadServer{
		base: "http://" + addr + "/api",
		http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * loadClients}, Timeout: time.Minute},
		stop: cancel,
		done: make(chan error, 1),
	}
	go func() { s.done <- app.Run(ctx, o, cfg, log, mount) }()
	b.Cleanup(func() {
		s.stop()
		if err := <-s.done; err != nil {
			b.Errorf("server (%v): %v", mode, err)
		}
	})
	s.waitReady(b, "http://"+addr+"/readyz")

	var login struct{ ID, AccessToken string }
	s.call(b, http.MethodPost, "/auth/login", fmt.Sprintf(`{"email":%q,"password":%q}`, email, password), &login)
	s.token = login.AccessToken
	newOrg := func(name string) string {
		var org struct{ ID string }
		s.call(b, http.MethodPost, "/organizations", fmt.Sprintf(`{"organization":{"name":%q,"description":"d","contact_email":"c@example.com"},"ownerId":%q}`, name, login.ID), &org)
		return org.ID
	}
	s.org = newOrg("Loaded")
	for i := range s.followed {
		s.followed[i] = newOrg(fmt.Sprint("Followed ", i))
	}
	var profile struct{ ID string }
	s.call(b, http.MethodPost, "/profiles", fmt.Sprintf(`{"identityId":%q,"name":"Load"}`, login.ID), &profile)
	s.profile = profile.ID
	return s
}

// waitReady polls url until it answers 200.
func (s *loadServer) waitReady(b *testing.B, url string) {
	b.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if res, err := s.http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
	}
	b.Fatalf("%s not ready within a minute", url)
}

// call sends a set-up request, which must answer 2xx, and decodes its
// answer into out.
func (s *loadServer) call(b *testing.B, method, path, body string, out any) {
	b.Helper()
	res, err := s.request(method, path, body)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode/100 != 2 {
		b.Fatalf("%s %s: %d %s (%v)", method, path, res.StatusCode, data, err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		b.Fatalf("%s %s: %v in %s", method, path, err, data)
	}
}

// do sends a measured request and checks its status.
func (s *loadServer) do(method, path, body string, want int) error {
	res, err := s.request(method, path, body)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != want {
		err = fmt.Errorf("%s %s: %d %s, want %d", method, path, res.StatusCode, data, want)
	}
	return err
}

func (s *loadServer) request(method, path, body string) (*http.Response, error) {
	var r io.Reader
	if body != "" {
		r = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequest(method, s.base+path, r)
	if err != nil {
		return nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	return s.http.Do(req)
}

// measure sends b.N requests of the workload from loadClients concurrent
// clients and reports their latency percentiles and throughput.
func (s *loadServer) measure(b *testing.B, client func(s *loadServer, c, n int) error) {
	latencies := make([][]time.Duration, loadClients)
	var next atomic.Int64
	var failed error
	var once sync.Once
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range loadClients {
		wg.Go(func() {
			for n := 0; next.Add(1) <= int64(b.N); n++ {
				t0 := time.Now()
				err := client(s, c, n)
				latencies[c] = append(latencies[c], time.Since(t0))
				if err != nil {
					once.Do(func() { failed = err })
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if failed != nil {
		b.Fatal(failed)
	}
	all := slices.Concat(latencies...)
	slices.Sort(all)
	if len(all) == 0 {
		b.Fatal(errors.New("no request measured"))
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(all[len(all)/2]), "p50-ms")
	b.ReportMetric(ms(all[min(len(all)-1, len(all)*99/100)]), "p99-ms")
	b.ReportMetric(ms(all[len(all)-1]), "max-ms")
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
}

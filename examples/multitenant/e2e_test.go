//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blockyard/blockyard/internal/exampletest"
	"github.com/blockyard/blockyard/openapi"
)

const (
	waitReady    = 60 * time.Second
	stopTimeout  = 40 * time.Second // above package app's shutdown timeout
	rootEmail    = "root@example.com"
	rootPassword = "root-password-123"
)

// TestMultitenantEndToEnd follows README.md on the built binary: the
// administrator created with -create-admin, two tenants, the same e-mail
// registered in both, a contact in one that the other never sees, the
// resolver's errors, the operations endpoints, and a SIGTERM during a
// request that still completes.
func TestMultitenantEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the example")
	}
	bin := exampletest.Build(t, "multitenant")
	data := t.TempDir()
	env := exampletest.Env()

	cmd := exec.Command(bin, "-data", data, "-create-admin", rootEmail)
	cmd.Env = append(env, "ADMIN_PASSWORD="+rootPassword)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "administrator created") {
		t.Fatalf("-create-admin: %v\n%s", err, out)
	}

	srv := start(t, bin, data, env)
	api := srv.base + "/api"
	c := &caller{t: t}
	c.check = servedDocument(t, c, api)

	root := c.json(http.MethodPost, api+"/auth/login", nil, map[string]string{"email": rootEmail, "password": rootPassword}, http.StatusOK)["accessToken"].(string)
	asRoot := http.Header{"Authorization": {"Bearer " + root}}
	created := c.json(http.MethodPost, api+"/tenants", asRoot, map[string]string{"name": "Acme", "domain": "acme"}, http.StatusCreated)
	if created["message"] != "Tenant created successfully" || created["success"] != true {
		t.Fatalf("created %v", created)
	}
	acme := created["data"].(map[string]any)["id"].(string)
	globex := c.json(http.MethodPost, api+"/tenants", asRoot, map[string]string{"name": "Globex", "domain": "globex"}, http.StatusCreated)["data"].(map[string]any)["id"].(string)
	list := c.json(http.MethodGet, api+"/tenants", asRoot, nil, http.StatusOK)["data"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["id"] != globex {
		t.Fatalf("list (newest first) %v", list)
	}
	if got := c.raw(http.MethodGet, api+"/tenant", http.Header{"X-Tenant-Id": {acme}}, nil, http.StatusOK); got != `{"success":true,"tenantId":"`+acme+`"}` {
		t.Errorf("bare tenant path %s", got)
	}

	// Each tenant's first administrator is created offline, in the
	// tenant's database (TENANT_ID): the same e-mail in both tenants, with
	// passwords of its own.
	srv.stop(t)
	for id, pw := range map[string]string{acme: "ann-acme-password", globex: "ann-globex-password"} {
		cmd := exec.Command(bin, "-data", data, "-create-admin", "ann@example.com")
		cmd.Env = append(env, "TENANT_ID="+id, "ADMIN_PASSWORD="+pw)
		if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "administrator created") {
			t.Fatalf("-create-admin in tenant %s: %v\n%s", id, err, out)
		}
	}
	srv = start(t, bin, data, env)
	api = srv.base + "/api"
	tokens := map[string]string{}
	for id, pw := range map[string]string{acme: "ann-acme-password", globex: "ann-globex-password"} {
		h := http.Header{"X-Tenant-Id": {id}}
		tokens[id] = c.json(http.MethodPost, api+"/tenant/auth/login", h, map[string]string{"email": "ann@example.com", "password": pw}, http.StatusOK)["accessToken"].(string)
	}
	c.raw(http.MethodPost, api+"/tenant/auth/login", http.Header{"X-Tenant-Id": {globex}}, map[string]string{"email": "ann@example.com", "password": "ann-acme-password"}, http.StatusUnauthorized)
	annAcme := http.Header{"Authorization": {"Bearer " + tokens[acme]}}
	annGlobex := http.Header{"Authorization": {"Bearer " + tokens[globex]}}

	// Registering is open, but gives no access to the CRM records until a
	// tenant administrator makes the identity a user with permissions.
	acmeH := http.Header{"X-Tenant-Id": {acme}}
	c.raw(http.MethodPost, api+"/tenant/auth/register", acmeH, map[string]string{"email": "eve@example.com", "password": "eve-acme-password"}, http.StatusCreated)
	eveLogin := c.json(http.MethodPost, api+"/tenant/auth/login", acmeH, map[string]string{"email": "eve@example.com", "password": "eve-acme-password"}, http.StatusOK)
	eve := http.Header{"Authorization": {"Bearer " + eveLogin["accessToken"].(string)}}
	for _, path := range []string{"/tenant/contacts", "/tenant/contacts?filetype=csv", "/tenant/leads", "/tenant/tasks"} {
		c.raw(http.MethodGet, api+path, eve, nil, http.StatusForbidden)
	}
	c.raw(http.MethodPost, api+"/tenant/users?organizationId="+acme, eve, map[string]any{"data": map[string]any{"identityId": eveLogin["id"], "customPermissions": []string{"READ_CONTACTS"}}}, http.StatusForbidden)
	c.raw(http.MethodPost, api+"/tenant/users?organizationId="+acme, annAcme, map[string]any{"data": map[string]any{"identityId": eveLogin["id"], "customPermissions": []string{"READ_CONTACTS"}}}, http.StatusOK)
	c.raw(http.MethodGet, api+"/tenant/contacts", eve, nil, http.StatusOK)
	c.raw(http.MethodPost, api+"/tenant/contacts", eve, map[string]any{"data": map[string]any{"firstName": "Mallory"}}, http.StatusForbidden)

	// Records live in their tenant only.
	if got := c.raw(http.MethodPost, api+"/tenant/contacts", annAcme, map[string]any{"data": map[string]any{"firstName": "Bob", "email": "bob@acme.example"}}, http.StatusOK); got != "true" {
		t.Fatalf("create contact: %s", got)
	}
	c.raw(http.MethodPost, api+"/tenant/leads", annAcme, map[string]any{"data": map[string]any{"title": "Big deal", "status": "new", "value": 1000}}, http.StatusOK)
	c.raw(http.MethodPost, api+"/tenant/tasks", annGlobex, map[string]any{"data": map[string]any{"title": "Call", "dueDate": "2026-12-24"}}, http.StatusOK)
	if n := c.json(http.MethodGet, api+"/tenant/contacts", annAcme, nil, http.StatusOK)["count"]; n != 1.0 {
		t.Errorf("Acme's contacts: %v", n)
	}
	for path, want := range map[string]float64{"/tenant/contacts": 0, "/tenant/leads": 0, "/tenant/tasks": 1} {
		if n := c.json(http.MethodGet, api+path, annGlobex, nil, http.StatusOK)["count"]; n != want {
			t.Errorf("Globex's %s: %v, want %v", path, n, want)
		}
	}
	if n := c.json(http.MethodGet, api+"/tenant/tasks", annAcme, nil, http.StatusOK)["count"]; n != 0.0 {
		t.Errorf("Acme sees Globex's tasks: %v", n)
	}
	mismatch := http.Header{"X-Tenant-Id": {globex}, "Authorization": {"Bearer " + tokens[acme]}}
	c.raw(http.MethodGet, api+"/tenant/contacts", mismatch, nil, http.StatusForbidden)
	c.raw(http.MethodGet, api+"/tenants", annAcme, nil, http.StatusUnauthorized) // a tenant's token is no registry token
	if got := c.raw(http.MethodGet, api+"/tenant", nil, nil, http.StatusBadRequest); got != `{"success":false,"error":"Missing x-tenant-id header"}` {
		t.Errorf("no tenant: %s", got)
	}
	c.raw(http.MethodGet, api+"/tenant", http.Header{"X-Tenant-Id": {"nope"}}, nil, http.StatusNotFound)

	// Operations.
	if got := c.json(http.MethodGet, srv.base+"/health", nil, nil, http.StatusOK); got["status"] != "ok" || got["database"] != "connected" {
		t.Errorf("/health %v", got)
	}
	res := c.do(http.MethodGet, api+"/tenant", http.Header{"X-Tenant-Id": {acme}}, nil)
	if res.Header.Get("Strict-Transport-Security") == "" || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("security headers missing: %v", res.Header)
	}

	stopDuringRequest(t, srv, api+"/tenant/contacts", annAcme)

	// The data survived the restart, and Acme's contacts are still Acme's.
	srv = start(t, bin, data, env)
	api = srv.base + "/api"
	if n := c.json(http.MethodGet, api+"/tenant/contacts", annAcme, nil, http.StatusOK)["count"]; n != 2.0 {
		t.Errorf("Acme's contacts after the restart: %v, want 2", n)
	}
	srv.stop(t)
	t.Logf("%d answers checked against the served document", c.checked)
}

// stopDuringRequest sends SIGTERM while a contact's body is still being
// sent, then finishes it: the request completes (200) and the server
// exits 0 after it.
func stopDuringRequest(t *testing.T, srv *server, url string, h http.Header) {
	t.Helper()
	body := []byte(`{"data":{"firstName":"Slow","lastName":"Upload"}}`)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, url, pr)
	req.ContentLength = int64(len(body))
	req.Header = h.Clone()
	req.Header.Set("Content-Type", "application/json")
	status := make(chan int, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("request in flight during shutdown: %v", err)
			status <- 0
			return
		}
		res.Body.Close()
		status <- res.StatusCode
	}()
	pw.Write(body[:10])
	time.Sleep(300 * time.Millisecond) // the headers are in: the request is in flight
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // draining
	pw.Write(body[10:])
	pw.Close()
	if got := <-status; got != http.StatusOK {
		t.Errorf("request in flight during shutdown: %d, want 200", got)
	}
	srv.waitExit(t)
	logs := srv.logs.String()
	if drain, done := strings.Index(logs, "shutdown started"), strings.LastIndex(logs, `"route":"contacts.create"`); drain < 0 || done < drain {
		t.Errorf("the request should have finished after the shutdown started:\n%s", logs)
	}
}

// caller makes JSON requests and checks their status, and, once check
// is set, every answer under /api against the served API document.
type caller struct {
	t       *testing.T
	check   *openapi.Checker
	checked int
}

// servedDocument reads the API document and its page under /api, checks
// that the document lists the registry's and the tenants' routes (the
// latter with the x-tenant-id header), and returns its checker.
func servedDocument(t *testing.T, c *caller, api string) *openapi.Checker {
	t.Helper()
	var doc openapi.Document
	if err := json.Unmarshal([]byte(c.raw(http.MethodGet, api+"/openapi.json", nil, nil, http.StatusOK)), &doc); err != nil {
		t.Fatal(err)
	}
	for _, op := range []struct{ method, path string }{
		{"POST", "/auth/login"}, {"POST", "/tenants"}, {"GET", "/tenants"}, {"GET", "/tenants/{tenantId}"},
		{"GET", "/tenant"}, {"POST", "/tenant/auth/login"}, {"GET", "/tenant/contacts"}, {"POST", "/tenant/contacts/bulk-import"},
		{"GET", "/tenant/tasks/{id}"}, {"GET", "/tenant/organizations"}, {"GET", "/tenant/profiles/{profileId}"},
	} {
		o := doc.Operation(op.method, op.path)
		if o == nil {
			t.Errorf("the document lacks %s %s", op.method, op.path)
			continue
		}
		header := slices.ContainsFunc(o.Parameters, func(p openapi.Parameter) bool { return p.In == "header" && p.Name == "x-tenant-id" })
		if tenant := strings.HasPrefix(op.path, "/tenant/") || op.path == "/tenant"; header != tenant {
			t.Errorf("%s %s: x-tenant-id header parameter %v, want %v", op.method, op.path, header, tenant)
		}
	}
	if o := doc.Operation("GET", "/tenant/contacts"); o == nil || o.Responses["429"] == nil || o.Responses["404"] == nil {
		t.Errorf("GET /tenant/contacts lacks the rate limiter's 429 or the resolver's 404")
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api" {
		t.Errorf("servers %+v", doc.Servers)
	}
	c.raw(http.MethodGet, api+"/openapi-3.0.json", nil, nil, http.StatusOK)
	if page := c.raw(http.MethodGet, api+"/docs", nil, nil, http.StatusOK); !strings.Contains(page, "<html") {
		t.Errorf("/api/docs: %.200s", page)
	}
	chk, err := openapi.NewChecker(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return chk
}

func (c *caller) do(method, url string, h http.Header, body any) *http.Response {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	return res
}

func (c *caller) raw(method, url string, h http.Header, body any, want int) string {
	c.t.Helper()
	res := c.do(method, url, h, body)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.t.Fatalf("%s %s: %d %s, want %d", method, url, res.StatusCode, b, want)
	}
	if _, path, ok := strings.Cut(url, "/api/"); c.check != nil && ok {
		if !strings.HasPrefix(path, "openapi") && !strings.HasPrefix(path, "docs") {
			found, err := c.check.Check(method, "/"+path, res.StatusCode, b)
			if err != nil || !found {
				c.t.Errorf("%s %s: answer %d %s disagrees with the document: found %v, %v", method, url, res.StatusCode, b, found, err)
			}
			c.checked++
		}
	}
	return strings.TrimSpace(string(b))
}

func (c *caller) json(method, url string, h http.Header, body any, want int) map[string]any {
	c.t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(c.raw(method, url, h, body, want)), &m); err != nil {
		c.t.Fatalf("%s %s: %v", method, url, err)
	}
	return m
}

// server is a running example process.
type server struct {
	cmd     *exec.Cmd
	logs    *exampletest.Log
	base    string
	exited  chan struct{}
	waitErr error
}

// start runs the example on a free port and waits until /readyz is 200;
// the process is killed when the test ends.
func start(t *testing.T, bin, data string, env []string) *server {
	t.Helper()
	logs := exampletest.NewLog()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", data)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: logs, exited: make(chan struct{})}
	go func() { s.waitErr = cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			cmd.Process.Kill()
			<-s.exited
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	deadline := time.After(waitReady)
	select {
	case addr := <-logs.Listening():
		s.base = "http://" + addr
	case <-s.exited:
		t.Fatalf("exited before listening: %v", s.waitErr)
	case <-deadline:
		t.Fatal("did not listen in time")
	}
	for {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-s.exited:
			t.Fatalf("exited before ready: %v", s.waitErr)
		case <-deadline:
			t.Fatal("/readyz not 200 in time")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	s.waitExit(t)
}

// waitExit checks a clean exit: status 0 and the shutdown logged.
func (s *server) waitExit(t *testing.T) {
	t.Helper()
	select {
	case <-s.exited:
	case <-time.After(stopTimeout):
		t.Fatalf("did not stop within %v of SIGTERM", stopTimeout)
	}
	if s.waitErr != nil {
		t.Errorf("exit: %v", s.waitErr)
	}
	if !strings.Contains(s.logs.String(), "shutdown complete") {
		t.Errorf("no shutdown logged:\n%s", s.logs.String())
	}
}

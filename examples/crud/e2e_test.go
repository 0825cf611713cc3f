package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blockyard/blockyard/internal/exampletest"
)

// TestE2E builds the example, creates the administrator with
// -create-admin, starts the server on an empty data directory and follows
// the README's first steps over real HTTP, CSV export and import included,
// then reads the API document and its page under /api.
func TestE2E(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the example")
	}
	dir := t.TempDir()
	bin := exampletest.Build(t, "crud")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	envs := append(os.Environ(), "DATA_DIR="+filepath.Join(dir, "data"), "ADDR="+addr, "ADMIN_PASSWORD=correct horse battery staple", "MONGODB_URI=")
	create := exec.Command(bin, "-create-admin", "admin@example.com")
	create.Env = envs
	if out, err := create.CombinedOutput(); err != nil {
		t.Fatalf("-create-admin: %v\n%s", err, out)
	}
	server := exec.Command(bin)
	server.Env = envs
	var logs bytes.Buffer
	server.Stdout, server.Stderr = &logs, &logs
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = server.Process.Signal(os.Interrupt)
		_ = server.Wait()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	api := "http://" + addr + "/api"
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatal("the server did not start")
		}
	}

	call := func(method, path, token, contentType string, body io.Reader) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, api+path, body)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	jsonCall := func(method, path, token, body string) (int, string) {
		return call(method, path, token, "application/json", strings.NewReader(body))
	}
	_, out := jsonCall(http.MethodPost, "/auth/login", "", `{"email":"admin@example.com","password":"correct horse battery staple"}`)
	var login struct{ AccessToken string }
	_ = json.Unmarshal([]byte(out), &login)
	if login.AccessToken == "" {
		t.Fatalf("login: %s", out)
	}
	tok := login.AccessToken
	if st, out := jsonCall(http.MethodPost, "/organizations", tok, `{"data":{"name":"Acme School"}}`); st != 200 || out != "true" {
		t.Fatalf("create organization: %d %s", st, out)
	}
	_, out = call(http.MethodGet, "/organizations?name=acme", tok, "", nil)
	var orgs struct{ Rows []struct{ ID string } }
	_ = json.Unmarshal([]byte(out), &orgs)
	if len(orgs.Rows) != 1 {
		t.Fatalf("organizations: %s", out)
	}
	org := orgs.Rows[0].ID
	if st, out := jsonCall(http.MethodPost, "/campuses?organizationId="+org, tok, `{"data":{"name":"North","address":"1 Hill Road"}}`); st != 200 {
		t.Fatalf("create campus: %d %s", st, out)
	}
	st, export := call(http.MethodGet, "/campuses?filetype=csv", tok, "", nil)
	if st != 200 || !strings.HasPrefix(export, "id,name,address\r\n") || !strings.Contains(export, ",North,1 Hill Road\r\n") {
		t.Fatalf("export: %d %q", st, export)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "campuses.csv")
	fmt.Fprint(fw, export+",East,\r\n")
	mw.Close()
	if st, out := call(http.MethodPost, "/campuses/bulk-import?organizationId="+org, tok, mw.FormDataContentType(), bytes.NewReader(buf.Bytes())); st != 200 {
		t.Fatalf("import: %d %s", st, out)
	}
	if _, out := call(http.MethodGet, "/campuses/count", tok, "", nil); out != `{"rows":[],"count":2}` {
		t.Errorf("after import: %s", out)
	}

	// The API document (3.1 and 3.0) and its page, under /api.
	for _, path := range []string{"/openapi.json", "/openapi-3.0.json"} {
		st, out := call(http.MethodGet, path, "", "", nil)
		var doc struct {
			OpenAPI string
			Servers []struct{ URL string }
			Paths   map[string]map[string]json.RawMessage
		}
		if err := json.Unmarshal([]byte(out), &doc); st != 200 || err != nil {
			t.Fatalf("%s: %d %v", path, st, err)
		}
		if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api" {
			t.Errorf("%s: servers %+v, want /api", path, doc.Servers)
		}
		for _, op := range []struct{ method, path string }{
			{"post", "/auth/login"}, {"get", "/identities"},
			{"post", "/organizations"}, {"get", "/organizations/{id}"},
			{"get", "/campuses"}, {"post", "/campuses/bulk-import"}, {"get", "/campuses/count"},
			{"get", "/roles/autocomplete"}, {"post", "/users"}, {"delete", "/users/{id}/purge"},
		} {
			if _, ok := doc.Paths[op.path][op.method]; !ok {
				t.Errorf("%s (OpenAPI %s) lacks %s %s", path, doc.OpenAPI, op.method, op.path)
			}
		}
	}
	if st, page := call(http.MethodGet, "/docs", "", "", nil); st != 200 || !strings.Contains(page, "<html") {
		t.Errorf("/api/docs: %d %.200s", st, page)
	}
}

//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blockyard/blockyard/internal/exampletest"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// Deadlines of the end-to-end test.
const (
	waitReady   = 60 * time.Second
	stopTimeout = 40 * time.Second // above the server's own shutdown timeout
)

// TestServerEndToEnd builds the example server, seeds the admin, starts the
// server as a separate process on a temporary data directory, runs the
// walk-through against it, stops it with SIGTERM, and starts it again on
// the same directory to check that the data, the files and the secrets
// survived.
func TestServerEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	bin := exampletest.Build(t, "server")
	data := t.TempDir()
	env := exampletest.Env()

	out := runCreateAdmin(t, bin, data, env, adminEmail, adminPassword)
	expectLog(t, out, "administrator created")

	srv := startServer(t, bin, data, env)
	w := &walk{t: t, base: srv.base, dir: t.TempDir(), vars: map[string]string{}}
	for _, s := range walkthrough {
		w.run(s)
	}
	t.Logf("cold start (process start → /readyz 200): %v", srv.readyAfter)
	expectDocument(t, srv.base+"/api")
	// The embedded database belongs to one process at a time.
	expectLog(t, runAdmin(t, bin, data, env, adminPassword, false, "-create-admin", adminEmail), "in use by another process")
	if rss, err := residentMemory(srv.cmd.Process.Pid); err == nil {
		t.Logf("resident memory after the walk-through: %s", rss)
	}
	stopDuringUpload(t, srv, w)

	// -create-admin is idempotent, and refuses to promote an identity
	// without its password; -promote (the walk-through's last step)
	// promotes deliberately.
	expectLog(t, runCreateAdmin(t, bin, data, env, adminEmail, adminPassword), "already an administrator")
	expectLog(t, runAdmin(t, bin, data, env, "not-the-member-password", false, "-create-admin", memberEmail), "-promote "+memberEmail)
	expectLog(t, runAdmin(t, bin, data, env, "", true, strings.Fields(docPromote)[3:]...), "promoted to administrator")

	fi, err := os.Stat(filepath.Join(data, "secrets")) // package app's generated secrets
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("secrets file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}

	// Second run on the same data directory.
	srv = startServer(t, bin, data, env)
	w.base = srv.base
	w.vars["API"] = srv.base + "/api"
	for _, s := range []step{
		// The first run's access token still verifies: same secrets.
		{
			URL: "$API/organizations", Token: "ADMIN_TOKEN", Want: http.StatusOK,
			Check: func(w *walk, body []byte) { w.expect(body, ".data[0].name", "Acme") },
		},
		{
			Method: http.MethodPost, URL: "$API/auth/token/check", JSON: `{"token":"$ADMIN_TOKEN"}`, Want: http.StatusOK,
			Check: func(w *walk, body []byte) { w.expect(body, ".identityId", w.vars["ADMIN_ID"]) },
		},
		// The admin still logs in with its password.
		{
			Method: http.MethodPost, URL: "$API/auth/login", JSON: `{"email":"` + adminEmail + `","password":"` + adminPassword + `"}`,
			Want: http.StatusOK, Extract: []extract{{"NEW_TOKEN", ".accessToken"}},
		},
		// The member was promoted by -promote.
		{
			URL: "$API/identities/$MEMBER_ID", Token: "NEW_TOKEN", Want: http.StatusOK,
			Check: func(w *walk, body []byte) { w.expect(body, ".typeId", "100") },
		},
		// The logo file survived too.
		{URL: "$API/organizations/$ORG_ID", Token: "NEW_TOKEN", Want: http.StatusOK, Extract: []extract{{"LOGO_URL", ".logo.url"}}},
		{URL: "$LOGO_URL", Output: "logo-copy.png", Want: http.StatusOK},
		walkthrough[len(walkthrough)-1], // cmp logo.png logo-copy.png
	} {
		w.run(s)
	}
	srv.stop(t)

	t.Run("MONGODB_URI", func(t *testing.T) {
		db := blockyardtest.Database(t) // a fresh database, dropped afterwards
		env := append(exampletest.Env(), "MONGODB_URI="+blockyardtest.URI(t), "MONGODB_DB="+db.Name())
		data := t.TempDir()
		expectLog(t, runCreateAdmin(t, bin, data, env, adminEmail, adminPassword), "administrator created")
		srv := startServer(t, bin, data, env)
		expectLog(t, srv.logs.String(), `"server":"MongoDB"`)
		w := &walk{t: t, base: srv.base, dir: t.TempDir(), vars: map[string]string{}}
		for _, s := range walkthrough[:3] { // API, login, create an organization
			w.run(s)
		}
		srv.stop(t)
		if _, err := os.Stat(filepath.Join(data, "db")); !os.IsNotExist(err) {
			t.Errorf("with MONGODB_URI the embedded database must not be created (stat: %v)", err)
		}
	})
}

// stopDuringUpload sends SIGTERM while an upload is in flight and checks
// that the server lets it finish before it exits.
func stopDuringUpload(t *testing.T, srv *server, w *walk) {
	t.Helper()
	w.run(step{
		URL: "$API/organizations/$ORG_ID/logo-upload-url?contentType=image/png&contentLength=$SIZE", Token: "ADMIN_TOKEN",
		Want: http.StatusOK, Extract: []extract{{"SLOW_URL", ".url"}},
	})
	png, err := os.ReadFile(filepath.Join(w.dir, "logo.png"))
	w.must(err)
	body, feed := io.Pipe()
	req, err := http.NewRequest(http.MethodPut, w.vars["SLOW_URL"], body)
	w.must(err)
	req.ContentLength = int64(len(png))
	req.Header.Set("Content-Type", "image/png")
	status := make(chan int, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("upload in flight during shutdown: %v", err)
			status <- 0
			return
		}
		res.Body.Close()
		status <- res.StatusCode
	}()

	_, err = feed.Write(png[:10])
	w.must(err)
	time.Sleep(200 * time.Millisecond) // the server has read the headers: the request is in flight
	w.must(srv.cmd.Process.Signal(syscall.SIGTERM))
	time.Sleep(200 * time.Millisecond) // the server is draining
	_, err = feed.Write(png[10:])
	w.must(err)
	w.must(feed.Close())
	if got := <-status; got != http.StatusOK {
		t.Errorf("upload in flight during shutdown: status %d, want 200", got)
	}
	srv.waitExit(t)
	logs := srv.logs.String()
	drain, upload := strings.Index(logs, "shutdown started"), strings.LastIndex(logs, `"path":"/files/","status":200`)
	if drain < 0 || upload < drain {
		t.Errorf("the upload should have finished after the shutdown started:\n%s", logs)
	}
}

// runCreateAdmin runs -create-admin, which must succeed, and returns its
// log.
func runCreateAdmin(t *testing.T, bin, data string, env []string, email, password string) string {
	t.Helper()
	return runAdmin(t, bin, data, env, password, true, "-create-admin", email)
}

// runAdmin runs the server with args (-create-admin or -promote) and
// ADMIN_PASSWORD set to password (unset when ""), checks that it exits 0 if
// wantOK and non-zero otherwise, and returns its log.
func runAdmin(t *testing.T, bin, data string, env []string, password string, wantOK bool, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitReady)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"-data", data}, args...)...)
	cmd.Env = env
	if password != "" {
		cmd.Env = append(env, "ADMIN_PASSWORD="+password)
	}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case wantOK && err != nil:
		t.Fatalf("%v: %v\n%s", args, err, out)
	case !wantOK && !errors.As(err, &exit):
		t.Fatalf("%v: want a non-zero exit status, got %v\n%s", args, err, out)
	}
	return string(out)
}

// server is a running server process.
type server struct {
	cmd        *exec.Cmd
	logs       *exampletest.Log
	base       string        // http://127.0.0.1:port
	readyAfter time.Duration // from process start to the first /readyz 200
	exited     chan struct{}
	waitErr    error
}

// startServer starts the server on a free port and waits until /readyz
// answers 200. The process is killed when the test ends, so a failing test
// leaves nothing running.
func startServer(t *testing.T, bin, data string, env []string) *server {
	t.Helper()
	logs := exampletest.NewLog()
	// Port 0: the server logs the address it got, so no port can be taken
	// between choosing it and listening on it.
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", data)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logs, logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: logs, exited: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			_ = cmd.Process.Kill()
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
		t.Fatalf("server exited before listening: %v", s.waitErr)
	case <-deadline:
		t.Fatal("server did not listen in time")
	}
	for {
		res, err := http.Get(s.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				s.readyAfter = time.Since(start)
				return s
			}
		}
		select {
		case <-s.exited:
			t.Fatalf("server exited before it was ready: %v", s.waitErr)
		case <-deadline:
			t.Fatalf("/readyz not 200 within %v (last error: %v)", waitReady, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop sends SIGTERM and checks for a clean exit.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	s.waitExit(t)
}

// waitExit waits for the process to exit and checks that it exited
// cleanly: status 0 and the shutdown logged.
func (s *server) waitExit(t *testing.T) {
	t.Helper()
	select {
	case <-s.exited:
	case <-time.After(stopTimeout):
		t.Fatalf("server did not stop within %v of SIGTERM", stopTimeout)
	}
	if s.waitErr != nil {
		t.Errorf("server exit: %v", s.waitErr)
	}
	expectLog(t, s.logs.String(), "shutdown complete")
}

// expectLog fails t unless the log contains want.
func expectLog(t *testing.T, log, want string) {
	t.Helper()
	if !strings.Contains(log, want) {
		t.Errorf("log lacks %q:\n%s", want, log)
	}
}

// residentMemory reads VmRSS of a process (Linux only).
func residentMemory(pid int) (string, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "", err
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", io.EOF
}

// expectDocument checks that the server serves its API document (3.1 and
// 3.0) and its page under /api, the document listing routes of each
// feature.
func expectDocument(t *testing.T, api string) {
	t.Helper()
	get := func(path string) []byte {
		res, err := http.Get(api + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api%s: %d %.200s", path, res.StatusCode, b)
		}
		return b
	}
	for _, path := range []string{"/openapi.json", "/openapi-3.0.json"} {
		var doc struct {
			Servers []struct{ URL string }
			Paths   map[string]map[string]json.RawMessage
		}
		if err := json.Unmarshal(get(path), &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api" {
			t.Errorf("%s: servers %+v", path, doc.Servers)
		}
		for p, method := range map[string]string{
			"/auth/login": "post", "/identities/{identityId}": "get",
			"/organizations": "post", "/organizations/{organizationId}/members": "get", "/profiles": "post",
		} {
			if doc.Paths[p][method] == nil {
				t.Errorf("%s lacks %s %s", path, method, p)
			}
		}
	}
	if page := get("/docs"); !bytes.Contains(page, []byte("<html")) {
		t.Errorf("/api/docs: %.200s", page)
	}
}

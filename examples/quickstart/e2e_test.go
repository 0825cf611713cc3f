//go:build unix

package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blockyard/blockyard/internal/exampletest"
)

// TestQuickstartEndToEnd builds the quickstart as a user's `go run` would,
// starts it on an empty data directory with nothing else configured, and
// follows the README: register, log in, create, list, read, update and
// delete a note; a bad note and a body that sets a server-owned field get
// field-named errors; another user sees none of the notes.
func TestQuickstartEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the quickstart binary")
	}
	bin := exampletest.Build(t, "quickstart")
	data := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Env = append(exampletest.Env(), "ADDR=127.0.0.1:0", "DATA_DIR="+data)
	logs := exampletest.NewLog()
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("quickstart did not exit cleanly on SIGTERM: %v\n%s", err, logs.String())
		}
	})
	var api string
	select {
	case a := <-logs.Listening():
		api = "http://" + a + "/api"
	case <-time.After(60 * time.Second):
		t.Fatalf("quickstart did not start listening:\n%s", logs.String())
	}

	c := &client{t: t, api: api}
	ann := c.account("ann@example.com")
	bob := c.account("bob@example.com")

	// Create: defaults applied, server-owned fields set by the server.
	var note map[string]any
	c.do(ann, "POST", "/notes", `{"title":"Buy milk","body":"2 litres"}`, http.StatusCreated, &note)
	id, _ := note["id"].(string)
	if len(id) != 36 || note["status"] != "draft" || note["title"] != "Buy milk" || note["ownerId"] == "" || note["createdAt"] == "" {
		t.Fatalf("created note = %v", note)
	}

	// A bad note: every problem named by its field, with what is accepted.
	var bad struct {
		Error struct {
			Message string
			Data    []map[string]any
		}
	}
	c.do(ann, "POST", "/notes", `{"title":"","status":"later","colour":"red"}`, http.StatusBadRequest, &bad)
	got := map[string]string{}
	for _, p := range bad.Error.Data {
		got[p["location"].(string)] = p["rule"].(string)
	}
	want := map[string]string{"body.title": "minLength", "body.status": "enum", "body.colour": "unknown"}
	if bad.Error.Message != "Validation Error" || !reflect.DeepEqual(got, want) {
		t.Errorf("bad note: %+v; want problems %v", bad, want)
	}
	for _, p := range bad.Error.Data {
		if p["location"] == "body.status" && !reflect.DeepEqual(p["accepted"], []any{"draft", "done"}) {
			t.Errorf("status problem %v: want accepted [draft done]", p)
		}
	}

	// A body may not set what the server owns.
	c.do(ann, "PATCH", "/notes/"+id, `{"ownerId":"`+bob.id+`"}`, http.StatusBadRequest, &bad)
	if len(bad.Error.Data) != 1 || bad.Error.Data[0]["location"] != "body.ownerId" || bad.Error.Data[0]["rule"] != "readOnly" {
		t.Errorf("PATCH ownerId: %+v; want one readOnly problem at body.ownerId", bad.Error.Data)
	}

	// List, read, update.
	var page struct {
		Data     []map[string]any
		Metadata struct{ Pagination struct{ Total int } }
	}
	c.do(ann, "GET", "/notes", "", http.StatusOK, &page)
	if len(page.Data) != 1 || page.Data[0]["id"] != id || page.Metadata.Pagination.Total != 1 {
		t.Errorf("ann's notes = %+v", page)
	}
	c.do(ann, "PATCH", "/notes/"+id, `{"status":"done"}`, http.StatusOK, &note)
	if note["status"] != "done" || note["title"] != "Buy milk" {
		t.Errorf("updated note = %v", note)
	}
	c.do(ann, "GET", "/notes/"+id, "", http.StatusOK, &note)
	if note["status"] != "done" {
		t.Errorf("read after update = %v", note)
	}

	// Another user sees none of ann's notes and cannot change them.
	c.do(bob, "GET", "/notes", "", http.StatusOK, &page)
	if len(page.Data) != 0 || page.Metadata.Pagination.Total != 0 {
		t.Errorf("bob sees %+v", page)
	}
	c.do(bob, "GET", "/notes/"+id, "", http.StatusNotFound, nil)
	c.do(bob, "PATCH", "/notes/"+id, `{"title":"mine now"}`, http.StatusNotFound, nil)
	c.do(bob, "DELETE", "/notes/"+id, "", http.StatusNotFound, nil)
	c.do(account{}, "GET", "/notes", "", http.StatusUnauthorized, nil)

	// The list's query is checked too: a bad limit or an undeclared
	// filter is a 400 naming the parameter, not the default or ignored.
	c.do(ann, "GET", "/notes?limit=abc&status=done", "", http.StatusBadRequest, &bad)
	got = map[string]string{}
	for _, p := range bad.Error.Data {
		got[p["location"].(string)] = p["rule"].(string)
	}
	if want := map[string]string{"query.limit": "type", "query.status": "unknown"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GET /notes?limit=abc&status=done: %+v; want problems %v", bad.Error.Data, want)
	}

	// The API document describes the notes routes, from the same model.
	var doc struct {
		OpenAPI string
		Paths   map[string]map[string]any
	}
	c.do(account{}, "GET", "/openapi.json", "", http.StatusOK, &doc)
	if doc.OpenAPI != "3.1.0" || doc.Paths["/notes"]["post"] == nil || doc.Paths["/notes/{id}"]["patch"] == nil {
		t.Errorf("openapi.json: version %q, paths %v", doc.OpenAPI, doc.Paths)
	}

	// Delete, then it is gone.
	c.do(ann, "DELETE", "/notes/"+id, "", http.StatusOK, &note)
	c.do(ann, "GET", "/notes/"+id, "", http.StatusNotFound, nil)
	c.do(ann, "DELETE", "/notes/"+id, "", http.StatusNotFound, nil)
}

type client struct {
	t   *testing.T
	api string
}

type account struct{ id, token string }

// account registers email and logs it in.
func (c *client) account(email string) account {
	body := `{"email":"` + email + `","password":"a-long-enough-password"}`
	c.do(account{}, "POST", "/auth/register", body, http.StatusCreated, nil)
	var login struct{ ID, AccessToken string }
	c.do(account{}, "POST", "/auth/login", body, http.StatusOK, &login)
	if login.AccessToken == "" || login.ID == "" {
		c.t.Fatalf("login %s: %+v", email, login)
	}
	return account{login.ID, login.AccessToken}
}

// do sends one request as a and checks the status; out receives the JSON
// answer when not nil.
func (c *client) do(a account, method, path, body string, want int, out any) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.api+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

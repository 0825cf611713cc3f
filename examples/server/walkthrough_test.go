package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The walk-through of README.md is this table: the end-to-end
// test runs its requests against the real server, and
// TestWalkthroughDocInSync checks that the document contains every line it
// renders, in order. Change a request here, run the test, and paste the
// lines it reports missing into the document.

// Credentials and commands of the walk-through.
const (
	walkthroughDoc = "../../README.md"
	docAPI         = "http://localhost:8080/api"
	adminEmail     = "admin@example.com"
	adminPassword  = "correct-horse-battery-staple"
	memberEmail    = "member@example.com"
	memberPassword = "member-password-123"
	docCreateAdmin = "ADMIN_PASSWORD=" + adminPassword + " go run ./examples/server -create-admin " + adminEmail
	docStartServer = "go run ./examples/server"
	docPromote     = "go run ./examples/server -promote " + memberEmail
	// logoPNG is a 1×1 PNG, small enough to paste into a shell.
	logoPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP40KDwHwAGhAKQKKIjvgAAAABJRU5ErkJggg=="
)

// step is one command of the walk-through: a curl call rendered from its
// fields, or a literal shell line with its Go equivalent.
type step struct {
	// Shell is a command other than curl, and Do what it does.
	Shell string
	Do    func(w *walk)

	Capture     string // VAR=$(curl ...): the variable receiving the body
	Method      string // "" for GET
	URL         string // may use $VARS
	Token       string // variable holding the bearer token
	JSON        string // request body; may use $VARS
	Upload      string // file sent with --data-binary
	ContentType string // of Upload
	Output      string // file receiving the body (-o)
	NoBody      bool   // the answer has no body: print the status instead
	Extract     []extract
	Want        int
	Check       func(w *walk, body []byte)
}

// extract sets Var to a jq path of the step's answer.
type extract struct{ Var, Path string }

var walkthrough = []step{
	{Shell: "API=" + docAPI, Do: func(w *walk) { w.vars["API"] = w.base + "/api" }},
	{
		Capture: "LOGIN", Method: http.MethodPost, URL: "$API/auth/login",
		JSON: `{"email":"` + adminEmail + `","password":"` + adminPassword + `"}`,
		Want: http.StatusOK, Extract: []extract{{"ADMIN_TOKEN", ".accessToken"}, {"ADMIN_ID", ".id"}},
	},
	{
		Capture: "ORG", Method: http.MethodPost, URL: "$API/organizations", Token: "ADMIN_TOKEN",
		JSON: `{"organization":{"name":"Acme","description":"Anvils and rockets","contact_email":"hello@acme.example"},"ownerId":"$ADMIN_ID"}`,
		Want: http.StatusOK, Extract: []extract{{"ORG_ID", ".id"}},
		Check: func(w *walk, body []byte) {
			w.expect(body, ".name", "Acme")
			w.expect(body, ".members[0].identityId", w.vars["ADMIN_ID"])
			w.expect(body, ".members[0].role", "owner")
		},
	},
	{
		Method: http.MethodPost, URL: "$API/auth/register",
		JSON: `{"email":"` + memberEmail + `","password":"` + memberPassword + `"}`,
		Want: http.StatusCreated, NoBody: true,
	},
	{
		Method: http.MethodPost, URL: "$API/auth/login",
		JSON: `{"email":"` + memberEmail + `","password":"` + memberPassword + `"}`,
		Want: http.StatusOK, Extract: []extract{{"MEMBER_ID", ".id"}},
	},
	{
		Method: http.MethodPatch, URL: "$API/organizations/$ORG_ID/members", Token: "ADMIN_TOKEN",
		JSON: `[{"identityId":"$MEMBER_ID","role":"member"}]`,
		Want: http.StatusNoContent, NoBody: true,
	},
	{
		URL: "$API/organizations/$ORG_ID/members", Token: "ADMIN_TOKEN", Want: http.StatusOK,
		Check: func(w *walk, body []byte) {
			// The upsert puts the new members first, as the reference does.
			w.expect(body, ".data[0].identityId", w.vars["MEMBER_ID"])
			w.expect(body, ".data[0].role", "member")
			w.expect(body, ".data[1].role", "owner")
		},
	},
	{Shell: "echo " + logoPNG + " | base64 -d > logo.png", Do: func(w *walk) {
		png, err := base64.StdEncoding.DecodeString(logoPNG)
		w.must(err)
		w.must(os.WriteFile(filepath.Join(w.dir, "logo.png"), png, 0o600))
	}},
	{Shell: "SIZE=$(wc -c < logo.png | tr -d ' ')", Do: func(w *walk) {
		fi, err := os.Stat(filepath.Join(w.dir, "logo.png"))
		w.must(err)
		w.vars["SIZE"] = strconv.FormatInt(fi.Size(), 10)
	}},
	{
		Capture: "UPLOAD", URL: "$API/organizations/$ORG_ID/logo-upload-url?contentType=image/png&contentLength=$SIZE", Token: "ADMIN_TOKEN",
		Want: http.StatusOK, Extract: []extract{{"OBJECT_ID", ".objectId"}, {"UPLOAD_URL", ".url"}},
	},
	{
		Method: http.MethodPut, URL: "$UPLOAD_URL", Upload: "logo.png", ContentType: "image/png",
		Want: http.StatusOK, NoBody: true,
	},
	{
		Method: http.MethodPatch, URL: "$API/admin/organizations/$ORG_ID", Token: "ADMIN_TOKEN",
		JSON: `{"logo":{"objectId":"$OBJECT_ID","type":"image/png"}}`,
		Want: http.StatusOK,
		Check: func(w *walk, body []byte) {
			w.expect(body, ".logo.type", "image/png")
		},
	},
	{
		URL: "$API/organizations", Token: "ADMIN_TOKEN", Want: http.StatusOK,
		Check: func(w *walk, body []byte) {
			w.expect(body, ".data[0].id", w.vars["ORG_ID"])
			w.expect(body, ".data[0].name", "Acme")
			w.expect(body, ".metadata.pagination.total", "1")
		},
	},
	{
		URL: "$API/organizations/$ORG_ID", Token: "ADMIN_TOKEN",
		Want: http.StatusOK, Extract: []extract{{"LOGO_URL", ".logo.url"}},
	},
	{URL: "$LOGO_URL", Output: "logo-copy.png", Want: http.StatusOK},
	{Shell: "cmp logo.png logo-copy.png && echo 'the logo came back intact'", Do: func(w *walk) {
		a, err := os.ReadFile(filepath.Join(w.dir, "logo.png"))
		w.must(err)
		b, err := os.ReadFile(filepath.Join(w.dir, "logo-copy.png"))
		w.must(err)
		if !bytes.Equal(a, b) {
			w.t.Fatalf("downloaded logo differs from the upload: %d bytes vs %d", len(b), len(a))
		}
	}},
}

// lines renders the step as it appears in the document.
func (s step) lines() []string {
	if s.Shell != "" {
		return []string{s.Shell}
	}
	var b strings.Builder
	b.WriteString("curl -s")
	if s.Method != "" {
		b.WriteString(" -X " + s.Method)
	}
	if s.Upload != "" {
		fmt.Fprintf(&b, " --data-binary @%s -H 'Content-Type: %s'", s.Upload, s.ContentType)
	}
	if s.Output != "" {
		b.WriteString(" -o " + s.Output)
	}
	fmt.Fprintf(&b, ` "%s"`, s.URL)
	if s.Token != "" {
		fmt.Fprintf(&b, ` -H "Authorization: Bearer $%s"`, s.Token)
	}
	if s.JSON != "" {
		b.WriteString(" -H 'Content-Type: application/json' -d " + shellQuote(s.JSON))
	}
	curl := b.String()
	switch {
	case s.Capture != "":
		out := []string{s.Capture + "=$(" + curl + ")"}
		for _, e := range s.Extract {
			out = append(out, fmt.Sprintf(`%s=$(echo "$%s" | jq -r %s)`, e.Var, s.Capture, e.Path))
		}
		return out
	case len(s.Extract) == 1:
		return []string{fmt.Sprintf("%s=$(%s | jq -r %s)", s.Extract[0].Var, curl, s.Extract[0].Path)}
	case s.NoBody:
		return []string{curl + ` -w '%{http_code}\n'`}
	case s.Output != "":
		return []string{curl}
	}
	return []string{curl + " | jq"}
}

// shellQuote quotes a JSON body: in single quotes, unless it uses shell
// variables, which need double quotes (and its quotes escaped).
func shellQuote(s string) string {
	if !strings.Contains(s, "$") {
		return "'" + s + "'"
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// walk runs the table against a server.
type walk struct {
	t    *testing.T
	base string            // the server's root URL, for $API
	dir  string            // the shell's working directory
	vars map[string]string // the shell's variables
}

var shellVar = regexp.MustCompile(`\$[A-Z_]+`)

// expand replaces $VARS as the shell would, failing on unset ones.
func (w *walk) expand(s string) string {
	return shellVar.ReplaceAllStringFunc(s, func(v string) string {
		val, ok := w.vars[v[1:]]
		if !ok {
			w.t.Fatalf("walk-through uses %s before setting it", v)
		}
		return val
	})
}

// run performs one step.
func (w *walk) run(s step) {
	w.t.Helper()
	if s.Shell != "" {
		s.Do(w)
		return
	}
	var body io.Reader
	if s.JSON != "" {
		body = strings.NewReader(w.expand(s.JSON))
	}
	if s.Upload != "" {
		data, err := os.ReadFile(filepath.Join(w.dir, s.Upload))
		w.must(err)
		body = bytes.NewReader(data)
	}
	method := s.Method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequestWithContext(w.t.Context(), method, w.expand(s.URL), body)
	w.must(err)
	switch {
	case s.JSON != "":
		req.Header.Set("Content-Type", "application/json")
	case s.Upload != "":
		req.Header.Set("Content-Type", s.ContentType)
	}
	if s.Token != "" {
		req.Header.Set("Authorization", "Bearer "+w.expand("$"+s.Token))
	}
	res, err := http.DefaultClient.Do(req)
	w.must(err)
	defer res.Body.Close()
	answer, err := io.ReadAll(res.Body)
	w.must(err)
	if res.StatusCode != s.Want {
		w.t.Fatalf("%s\n→ %d, want %d: %s", s.lines()[0], res.StatusCode, s.Want, answer)
	}
	if s.NoBody && len(answer) > 0 {
		w.t.Errorf("%s\n→ unexpected body %s", s.lines()[0], answer)
	}
	if s.Output != "" {
		w.must(os.WriteFile(filepath.Join(w.dir, s.Output), answer, 0o600))
	}
	for _, e := range s.Extract {
		v := jqString(w.t, answer, e.Path)
		if v == "" || v == "null" {
			w.t.Fatalf("%s\n→ no %s in %s", s.lines()[0], e.Path, answer)
		}
		w.vars[e.Var] = v
	}
	if s.Check != nil {
		s.Check(w, answer)
	}
}

// expect checks one value of a JSON answer.
func (w *walk) expect(body []byte, path, want string) {
	w.t.Helper()
	if got := jqString(w.t, body, path); got != want {
		w.t.Errorf("%s = %q, want %q in %s", path, got, want, body)
	}
}

func (w *walk) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

// jqString evaluates a path such as .data[0].logo.url like jq -r: strings
// raw, other values as JSON, "null" when missing.
func jqString(t testing.TB, body []byte, path string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("answer is not JSON (%v): %s", err, body)
	}
	for _, part := range strings.Split(strings.TrimPrefix(path, "."), ".") {
		name, index, indexed := strings.Cut(part, "[")
		if name != "" {
			m, _ := v.(map[string]any)
			v = m[name]
		}
		if indexed {
			i, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
			if err != nil {
				t.Fatalf("bad path %s", path)
			}
			a, _ := v.([]any)
			if i >= len(a) {
				return "null"
			}
			v = a[i]
		}
	}
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// TestWalkthroughDocInSync checks that README.md shows every
// command of the table, in the table's order.
func TestWalkthroughDocInSync(t *testing.T) {
	data, err := os.ReadFile(walkthroughDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	var missing []string
	at := 0
	want := []string{docCreateAdmin, docStartServer}
	for _, s := range walkthrough {
		want = append(want, s.lines()...)
	}
	want = append(want, docPromote)
	for _, line := range want {
		i := strings.Index(doc[at:], line+"\n")
		if i < 0 {
			missing = append(missing, line)
			continue
		}
		at += i + len(line)
	}
	if len(missing) > 0 {
		t.Errorf("%s lacks these lines (or has them out of order):\n%s", walkthroughDoc, strings.Join(missing, "\n"))
	}
}

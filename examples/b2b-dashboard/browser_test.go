package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// browserPath finds a Chromium or Chrome to drive: CHROME_PATH, or the
// usual names on PATH.
func browserPath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestDashboardInBrowser drives the page in headless Chromium through the
// whole administrator's path: log in, add an organization (and see a
// duplicate refused with the API's message), open it, add a user, change
// the role, delete the user. It checks what the page shows after each
// step, and what the database holds, and leaves a screenshot in the
// test's artifact directory.
func TestDashboardInBrowser(t *testing.T) {
	exe := browserPath()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found (CHROME_PATH, chromium, google-chrome) and CI is set: install it (apt-get install -y chromium)")
		}
		t.Skip("no Chromium found (CHROME_PATH, chromium, google-chrome): install it to run the browser test; CI fails instead of skipping")
	}
	a := newTestApp(t)
	srv := httptest.NewServer(a.handler)
	t.Cleanup(srv.Close)

	alloc, cancel := chromedp.NewExecAllocator(t.Context(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1200, 900))...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)

	run := func(step string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	// get runs an action that reads a value.
	get := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatalf("read %s: %v", what, err)
		}
		return v
	}
	// waitText waits until the element's text contains want.
	waitText := func(sel, want string) chromedp.Action[chromedp.Void] {
		poll := chromedp.Poll[bool](`(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && e.textContent.includes(`+jsString(want)+`); })()`,
			chromedp.WithPollingTimeout(15*time.Second))
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := poll(ctx, tg); err != nil {
				shown, perr := chromedp.Evaluate[string](`document.body.innerText`)(ctx, tg)
				if perr != nil {
					shown = "(cannot read the page: " + perr.Error() + ")"
				}
				return fmt.Errorf("waiting for %q in %s: %w; the page shows:\n%s", want, sel, err, shown)
			}
			return nil
		})
	}
	text := func(sel string) string { t.Helper(); return get(sel, chromedp.Text(chromedp.CSS(sel))) }

	run("log in",
		chromedp.Navigate(srv.URL+"/dashboard/"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS(`#login-form [name=email]`), adminEmail),
		chromedp.SendKeys(chromedp.CSS(`#login-form [name=password]`), "wrong-password"),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
		waitText("#login-error", "wrong credentials provided"),
	)
	run("log in again",
		chromedp.SetValue(chromedp.CSS(`#login-form [name=password]`), password),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#list")),
		waitText("#page-info", "Page 1 of 1 (0 organizations)"),
	)

	run("add an organization",
		chromedp.SendKeys(chromedp.CSS(`#org-form [name=name]`), "Acme Corp"),
		chromedp.SendKeys(chromedp.CSS(`#org-form [name=email]`), "hello@acme.example"),
		chromedp.SetValue(chromedp.CSS(`#org-form [name=status]`), "Inactive"),
		chromedp.Click(chromedp.CSS("#org-form button[type=submit]")),
		waitText("#notice", "Organization Acme Corp added (slug acme-corp)."),
		waitText("#org-rows", "Acme Corp"),
		waitText("#page-info", "(1 organizations)"),
	)
	if row := text("#org-rows tr"); !strings.Contains(row, "Inactive") || !strings.Contains(row, "0") {
		t.Errorf("organization row %q", row)
	}
	run("add a duplicate",
		chromedp.SendKeys(chromedp.CSS(`#org-form [name=name]`), "Acme Again"),
		chromedp.SendKeys(chromedp.CSS(`#org-form [name=email]`), "hello@acme.example"),
		chromedp.Click(chromedp.CSS("#org-form button[type=submit]")),
		waitText("#org-error", "Email or slug already in use."),
	)

	run("open the organization",
		chromedp.Click(chromedp.CSS("#org-rows a")),
		chromedp.WaitVisible(chromedp.CSS("#detail")),
		waitText("#org-name", "Acme Corp"),
		waitText("#org-fields", "acme-corp"),
		chromedp.WaitVisible(chromedp.CSS("#no-users")),
	)

	run("add a user",
		chromedp.SendKeys(chromedp.CSS(`#user-form [name=name]`), "Ann Admin"),
		chromedp.SetValue(chromedp.CSS(`#user-form [name=role]`), "Admin"),
		chromedp.Click(chromedp.CSS("#user-form button[type=submit]")),
		waitText("#notice", "Ann Admin added as Admin."),
		waitText("#user-rows", "Ann Admin"),
		chromedp.WaitNotVisible(chromedp.CSS("#no-users")),
	)
	if role := get("role", chromedp.Value(chromedp.CSS("#user-rows select"))); role != "Admin" {
		t.Errorf("role shown %q, want Admin", role)
	}

	run("change the role",
		chromedp.SetValue(chromedp.CSS("#user-rows select"), "Co-ordinator"),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`document.querySelector("#user-rows select").dispatchEvent(new Event("change"))`)(ctx, tg)
			return err
		}),
		waitText("#notice", "Ann Admin is now Co-ordinator."),
	)
	var u User
	if err := a.svc.DB.Collection(usersCollection).FindOne(t.Context(), bson.D{{Key: "name", Value: "Ann Admin"}}).Decode(&u); err != nil || u.Role != RoleCoordinator {
		t.Errorf("stored user %+v, %v: want role Co-ordinator", u, err)
	}
	run("reload", chromedp.Reload(), waitText("#user-rows", "Ann Admin"))
	if role := get("role", chromedp.Value(chromedp.CSS("#user-rows select"))); role != RoleCoordinator {
		t.Errorf("role shown after reload %q, want Co-ordinator", role)
	}
	shot(t, ctx, "dashboard-user.png")

	run("delete the user",
		chromedp.Click(chromedp.CSS("#user-rows button.danger")),
		waitText("#notice", "User deleted successfully"),
		chromedp.WaitVisible(chromedp.CSS("#no-users")),
	)
	if n := text("#user-rows"); strings.TrimSpace(n) != "" {
		t.Errorf("user rows after delete: %q", n)
	}
	if n, _ := a.svc.DB.Collection(usersCollection).CountDocuments(t.Context(), bson.D{}); n != 0 {
		t.Errorf("%d users stored after delete", n)
	}
	shot(t, ctx, "dashboard.png")
}

// shot saves a screenshot of the page in the test's artifact directory.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

package openapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/openapi"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browser finds a Chromium to drive: Debian's chromium package (which
// .ci/run installs), or another Chrome on PATH.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on PATH, and CI is set: .ci/run installs Debian's chromium package")
	}
	t.Skip("no Chromium on PATH (install Debian's chromium package: apt-get install -y chromium) — the docs page is not tested in a browser")
	return ""
}

// The docs page of a server mounted like the example server's (/api)
// lists the operations in headless Chromium, expands one, and no request
// leaves the server: every URL the page asks for is the server's own.
func TestDocsPageInBrowser(t *testing.T) {
	exe := browser(t)
	api := exampleRouter(t)
	docs, err := openapi.New(api.Routes(), openapi.Options{Servers: []openapi.Server{{URL: "/api"}}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", docs.Wrap(api)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	self, _ := url.Parse(srv.URL)

	alloc, cancel := chromedp.NewExecAllocator(t.Context(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("headless", true))...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var requested, foreign, console []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			defer mu.Unlock()
			u, err := url.Parse(ev.Request.URL)
			requested = append(requested, ev.Request.URL)
			if err != nil || (u.Scheme != "data" && u.Host != self.Host) {
				foreign = append(foreign, ev.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException || m.Type == "error" || m.Type == "warning" {
				mu.Lock()
				console = append(console, string(m.Type)+": "+m.Text)
				mu.Unlock()
			}
		}
	}()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}

	const login = `#operations-auth-login`
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/api/docs"),
		chromedp.WaitVisible(chromedp.CSS(`.opblock-summary`)),
	)
	if err != nil {
		t.Fatalf("open the docs page: %v (requests: %v; console: %v)", err, requested, console)
	}
	count, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.opblock').length`))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(login+` .opblock-summary-control`)),
		chromedp.WaitVisible(chromedp.CSS(login+` .opblock-body`)),
	)
	if err != nil {
		t.Fatalf("expand the login operation: %v (console: %v)", err, console)
	}
	expanded, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(login+` .opblock-body`)))
	if err != nil {
		t.Fatal(err)
	}
	if p := os.Getenv("OPENAPI_SCREENSHOT"); p != "" { // to look at the page: a PNG of it, login expanded
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(p, png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if routes := len(api.Routes()); count != routes {
		t.Errorf("the page lists %d operations, the service mounts %d routes", count, routes)
	}
	if !strings.Contains(expanded, "Request body") || !strings.Contains(expanded, "401") {
		t.Errorf("the expanded login operation shows no request body or 401:\n%s", expanded)
	}
	if len(foreign) > 0 {
		t.Errorf("the page asked for URLs outside its server: %v", foreign)
	}
	if len(console) > 0 {
		t.Errorf("the page logged errors (a Content-Security-Policy violation?): %v", console)
	}
	t.Logf("%d operations listed; %d requests: %v", count, len(requested), requested)
}

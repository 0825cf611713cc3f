package blobstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives/files"
)

var testSecret = []byte("test secret of at least 32 bytes!")

// pngBytes is a small PNG-looking payload.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("pixel"), 400)...)

// localEnv is a Local mounted at /files/ of a test server, with a clock
// that tests can move.
type localEnv struct {
	local  *Local
	srv    *httptest.Server
	dir    string
	offset atomic.Int64 // added to the wall clock, in nanoseconds
}

func newLocalEnv(t *testing.T, opts Options) *localEnv {
	t.Helper()
	env := &localEnv{dir: t.TempDir()}
	mux := http.NewServeMux()
	env.srv = httptest.NewServer(mux)
	t.Cleanup(env.srv.Close)
	opts.Clock = func() time.Time { return time.Now().Add(time.Duration(env.offset.Load())) }
	l, err := OpenLocal(env.dir, mustParse(t, env.srv.URL+"/files/"), testSecret, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	env.local = l
	mux.Handle("/files/", l.Handler())
	return env
}

func (e *localEnv) uploadURL(t *testing.T, name, contentType string, length int64) string {
	t.Helper()
	u, err := e.local.SignedUploadURL(context.Background(), name, contentType, length)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (e *localEnv) downloadURL(t *testing.T, name string) string {
	t.Helper()
	u, err := e.local.SignedDownloadURL(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// do sends a request; a negative length sends body chunked.
func do(t *testing.T, method, rawURL, contentType string, body []byte, length int64) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
		if length < 0 {
			rd = io.MultiReader(rd) // hides the length: chunked
		}
	}
	req, err := http.NewRequest(method, rawURL, rd)
	if err != nil {
		t.Fatal(err)
	}
	if length >= 0 {
		req.ContentLength = length
	} else {
		req.ContentLength = -1
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = res.Body.Close() })
	return res
}

func upload(t *testing.T, rawURL, contentType string, body []byte) *http.Response {
	t.Helper()
	return do(t, http.MethodPut, rawURL, contentType, body, int64(len(body)))
}

// wantError checks status and the JSON error envelope.
func wantError(t *testing.T, res *http.Response, status int, message string) {
	t.Helper()
	if res.StatusCode != status {
		t.Errorf("status = %d, want %d", res.StatusCode, status)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q, want JSON", ct)
	}
	var env struct {
		Error *struct {
			Message *string `json:"message"`
		} `json:"error"`
	}
	body, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(body, &env); err != nil || env.Error == nil || env.Error.Message == nil {
		t.Fatalf("body %q is not an error envelope (%v)", body, err)
	}
	if got := *env.Error.Message; got != message {
		t.Errorf("message = %q, want %q", got, message)
	}
}

// wantStored checks that only the given objects exist, with their bytes,
// and that no other file (a temporary one) is left in the directory.
func (e *localEnv) wantStored(t *testing.T, objects map[string][]byte) {
	t.Helper()
	ctx := context.Background()
	it := e.local.Blob().List(nil)
	n := 0
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		want, ok := objects[obj.Key]
		if !ok {
			t.Errorf("unexpected object %q stored", obj.Key)
			continue
		}
		got, err := e.local.Blob().ReadAll(ctx, obj.Key)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("object %q holds %d bytes (%v), want %d", obj.Key, len(got), err, len(want))
		}
	}
	if n != len(objects) {
		t.Errorf("%d objects stored, want %d", n, len(objects))
	}
	// Each object is a file plus fileblob's .attrs sidecar; nothing else.
	files := 0
	_ = filepath.WalkDir(e.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
			if strings.HasSuffix(path, ".tmp") {
				t.Errorf("temporary file %s left behind", path)
			}
		}
		return nil
	})
	if files != 2*len(objects) {
		t.Errorf("%d files in the storage directory, want %d", files, 2*len(objects))
	}
}

func TestLocalUploadDownload(t *testing.T) {
	env := newLocalEnv(t, Options{})
	name := files.ObjectName(files.NewObjectID(), "image/png")

	res := upload(t, env.uploadURL(t, name, "image/png", int64(len(pngBytes))), "image/png", pngBytes)
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(res.Body)
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
	env.wantStored(t, map[string][]byte{name: pngBytes})
	attrs, err := env.local.Blob().Attributes(context.Background(), name)
	if err != nil || attrs.ContentType != "image/png" {
		t.Fatalf("stored attributes: %+v, %v", attrs, err)
	}

	res = do(t, http.MethodGet, env.downloadURL(t, name), "", nil, 0)
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !bytes.Equal(got, pngBytes) {
		t.Fatalf("download: %d, %d bytes, want 200 and the %d uploaded bytes", res.StatusCode, len(got), len(pngBytes))
	}
	for header, want := range map[string]string{
		"Content-Type":           "image/png",
		"Content-Length":         strconv.Itoa(len(pngBytes)),
		"X-Content-Type-Options": "nosniff",
	} {
		if got := res.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") {
		t.Errorf("Content-Security-Policy = %q, want a sandbox", csp)
	}
}

func TestLocalDownloadRange(t *testing.T) {
	env := newLocalEnv(t, Options{})
	if err := env.local.Blob().WriteAll(context.Background(), "a.pdf", []byte("0123456789"), nil); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, env.downloadURL(t, "a.pdf"), nil)
	req.Header.Set("Range", "bytes=2-4")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusPartialContent || string(got) != "234" {
		t.Errorf("range: %d %q, want 206 \"234\"", res.StatusCode, got)
	}
}

func TestLocalOverwriteAndEmptyFile(t *testing.T) {
	env := newLocalEnv(t, Options{})
	u := env.uploadURL(t, "a.gif", "image/gif", 0)
	if res := upload(t, u, "image/gif", []byte{}); res.StatusCode != http.StatusOK {
		t.Fatalf("empty upload: %d", res.StatusCode)
	}
	env.wantStored(t, map[string][]byte{"a.gif": {}})
	u = env.uploadURL(t, "a.gif", "image/gif", 3)
	if res := upload(t, u, "image/gif", []byte("GIF")); res.StatusCode != http.StatusOK {
		t.Fatalf("overwrite: %d", res.StatusCode)
	}
	env.wantStored(t, map[string][]byte{"a.gif": []byte("GIF")})
}

func TestLocalEmptyContentType(t *testing.T) {
	env := newLocalEnv(t, Options{})
	u := env.uploadURL(t, "blob", "", 4)
	wantError(t, upload(t, u, "application/octet-stream", []byte("data")), http.StatusForbidden, msgContentTypeMismatch)
	env.wantStored(t, nil)
	if res := upload(t, u, "", []byte("data")); res.StatusCode != http.StatusOK {
		t.Fatalf("upload without Content-Type: %d", res.StatusCode)
	}
	res := do(t, http.MethodGet, env.downloadURL(t, "blob"), "", nil, 0)
	if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || ct != "application/octet-stream" {
		t.Errorf("download: %d %q, want 200 application/octet-stream", res.StatusCode, ct)
	}
}

// tamper returns rawURL with its query changed by edit.
func tamper(t *testing.T, rawURL string, edit func(q url.Values)) string {
	t.Helper()
	u := mustParse(t, rawURL)
	q := u.Query()
	edit(q)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestLocalUploadRejections(t *testing.T) {
	const max = 1000
	small := bytes.Repeat([]byte("x"), 100)
	tests := []struct {
		name        string
		setup       func(t *testing.T, env *localEnv) *http.Response
		status      int
		message     string
		clockOffset time.Duration
	}{
		{"bad signature", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 100), func(q url.Values) {
				q.Set("signature", strings.Repeat("A", 43))
			})
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"no signature", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 100), func(q url.Values) { q.Del("signature") })
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"no query at all", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.srv.URL+"/files/a.png", "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"changed object name", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 100), func(q url.Values) { q.Set("obj", "b.png") })
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"changed content type", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 100), func(q url.Values) { q.Set("contentType", "text/html") })
			return upload(t, u, "text/html", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"removed content type", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 100), func(q url.Values) { q.Del("contentType") })
			return upload(t, u, "", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"duplicated content type", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 100), func(q url.Values) { q.Add("contentType", "text/html") })
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"changed content length", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 10), func(q url.Values) { q.Set("contentLength", "100") })
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"removed content length", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 10), func(q url.Values) {
				q.Del("contentLength")
				q.Del("contentLengthSignature")
			})
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"length signature of another URL", func(t *testing.T, env *localEnv) *http.Response {
			other := mustParse(t, env.uploadURL(t, "b.png", "image/png", 100)).Query()
			u := tamper(t, env.uploadURL(t, "a.png", "image/png", 10), func(q url.Values) {
				q.Set("contentLength", other.Get("contentLength"))
				q.Set("contentLengthSignature", other.Get("contentLengthSignature"))
			})
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"download URL turned into an upload", func(t *testing.T, env *localEnv) *http.Response {
			u := tamper(t, env.downloadURL(t, "a.png"), func(q url.Values) { q.Set("method", http.MethodPut) })
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgInvalidSignature, 0},
		{"expired", func(t *testing.T, env *localEnv) *http.Response {
			u := env.uploadURL(t, "a.png", "image/png", 100)
			env.offset.Store(int64(files.DefaultExpiry + time.Second))
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgExpired, 0},
		{"POST to an upload URL", func(t *testing.T, env *localEnv) *http.Response {
			return do(t, http.MethodPost, env.uploadURL(t, "a.png", "image/png", 100), "image/png", small, 100)
		}, http.StatusForbidden, msgMethodMismatch, 0},
		{"PUT to a download URL", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.downloadURL(t, "a.png"), "image/png", small)
		}, http.StatusForbidden, msgMethodMismatch, 0},
		{"PUT to a delete URL", func(t *testing.T, env *localEnv) *http.Response {
			u, _ := env.local.SignedDeleteURL(context.Background(), "a.png")
			return upload(t, u, "image/png", small)
		}, http.StatusForbidden, msgMethodMismatch, 0},
		{"wrong content type", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.uploadURL(t, "a.png", "image/png", 100), "image/gif", small)
		}, http.StatusForbidden, msgContentTypeMismatch, 0},
		{"content type with parameters", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.uploadURL(t, "a.png", "image/png", 100), "image/png; charset=utf-8", small)
		}, http.StatusForbidden, msgContentTypeMismatch, 0},
		{"no content type", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.uploadURL(t, "a.png", "image/png", 100), "", small)
		}, http.StatusForbidden, msgContentTypeMismatch, 0},
		{"Content-Length over the maximum", func(t *testing.T, env *localEnv) *http.Response {
			body := bytes.Repeat([]byte("x"), max+1)
			u := env.uploadURL(t, "a.png", "image/png", max)
			return upload(t, u, "image/png", body)
		}, http.StatusRequestEntityTooLarge, msgTooLarge, 0},
		{"Content-Length over the signed length", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.uploadURL(t, "a.png", "image/png", 50), "image/png", small)
		}, http.StatusRequestEntityTooLarge, msgTooLarge, 0},
		{"Content-Length under the signed length", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.uploadURL(t, "a.png", "image/png", 101), "image/png", small)
		}, http.StatusForbidden, msgLengthMismatch, 0},
		{"chunked body over the maximum", func(t *testing.T, env *localEnv) *http.Response {
			body := bytes.Repeat([]byte("x"), 4*max)
			return do(t, http.MethodPut, env.uploadURL(t, "a.png", "image/png", max), "image/png", body, -1)
		}, http.StatusRequestEntityTooLarge, msgTooLarge, 0},
		{"chunked body over the signed length", func(t *testing.T, env *localEnv) *http.Response {
			return do(t, http.MethodPut, env.uploadURL(t, "a.png", "image/png", 99), "image/png", small, -1)
		}, http.StatusRequestEntityTooLarge, msgTooLarge, 0},
		{"chunked body under the signed length", func(t *testing.T, env *localEnv) *http.Response {
			return do(t, http.MethodPut, env.uploadURL(t, "a.png", "image/png", 101), "image/png", small, -1)
		}, http.StatusForbidden, msgLengthMismatch, 0},
		{"negative signed length", func(t *testing.T, env *localEnv) *http.Response {
			return upload(t, env.uploadURL(t, "a.png", "image/png", -1), "image/png", []byte{})
		}, http.StatusForbidden, msgLengthMismatch, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newLocalEnv(t, Options{MaxSize: max})
			// An object already stored under the name must survive.
			old := []byte("old")
			if err := env.local.Blob().WriteAll(context.Background(), "a.png", old, nil); err != nil {
				t.Fatal(err)
			}
			wantError(t, tt.setup(t, env), tt.status, tt.message)
			env.wantStored(t, map[string][]byte{"a.png": old})
		})
	}
}

func TestLocalChunkedUploadWithinLimits(t *testing.T) {
	env := newLocalEnv(t, Options{})
	res := do(t, http.MethodPut, env.uploadURL(t, "a.png", "image/png", int64(len(pngBytes))), "image/png", pngBytes, -1)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("chunked upload: %d", res.StatusCode)
	}
	env.wantStored(t, map[string][]byte{"a.png": pngBytes})
}

func TestLocalExpiryFollowsClock(t *testing.T) {
	env := newLocalEnv(t, Options{Expiry: time.Minute})
	u := env.downloadURL(t, "a.png")
	if err := env.local.Blob().WriteAll(context.Background(), "a.png", pngBytes, nil); err != nil {
		t.Fatal(err)
	}
	env.offset.Store(int64(59 * time.Second))
	if res := do(t, http.MethodGet, u, "", nil, 0); res.StatusCode != http.StatusOK {
		t.Fatalf("before expiry: %d", res.StatusCode)
	}
	env.offset.Store(int64(61 * time.Second))
	wantError(t, do(t, http.MethodGet, u, "", nil, 0), http.StatusForbidden, msgExpired)
}

func TestLocalDownloadRejections(t *testing.T) {
	env := newLocalEnv(t, Options{})
	if err := env.local.Blob().WriteAll(context.Background(), "a.png", pngBytes, nil); err != nil {
		t.Fatal(err)
	}
	u := env.downloadURL(t, "a.png")
	wantError(t, do(t, http.MethodGet, tamper(t, u, func(q url.Values) { q.Set("obj", "b.png") }), "", nil, 0),
		http.StatusForbidden, msgInvalidSignature)
	wantError(t, do(t, http.MethodDelete, u, "", nil, 0), http.StatusForbidden, msgMethodMismatch)
	wantError(t, do(t, http.MethodGet, env.downloadURL(t, "missing.png"), "", nil, 0), http.StatusNotFound, msgNotFound)
	if res := do(t, http.MethodHead, u, "", nil, 0); res.StatusCode != http.StatusForbidden {
		t.Errorf("HEAD on a GET URL: %d, want 403", res.StatusCode)
	}
	env.wantStored(t, map[string][]byte{"a.png": pngBytes})
}

func TestLocalDelete(t *testing.T) {
	ctx := context.Background()
	env := newLocalEnv(t, Options{})
	for _, name := range []string{"a.png", "b.png"} {
		if err := env.local.Blob().WriteAll(ctx, name, pngBytes, nil); err != nil {
			t.Fatal(err)
		}
	}
	u, err := env.local.SignedDeleteURL(ctx, "a.png")
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, do(t, http.MethodGet, u, "", nil, 0), http.StatusForbidden, msgMethodMismatch)
	if res := do(t, http.MethodDelete, u, "", nil, 0); res.StatusCode != http.StatusNoContent {
		t.Fatalf("signed DELETE: %d, want 204", res.StatusCode)
	}
	env.wantStored(t, map[string][]byte{"b.png": pngBytes})
	wantError(t, do(t, http.MethodDelete, u, "", nil, 0), http.StatusNotFound, msgNotFound)

	if err := env.local.Delete(ctx, "b.png"); err != nil {
		t.Fatal(err)
	}
	env.wantStored(t, nil)
	if err := env.local.Delete(ctx, "b.png"); !errors.Is(err, files.ErrNotFound) {
		t.Fatalf("Delete of a missing object = %v, want files.ErrNotFound", err)
	}
}

func TestLocalMounting(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		base  string // path of the base URL
		mount func(mux *http.ServeMux, h http.Handler)
	}{
		{"under a prefix", "/files/", func(mux *http.ServeMux, h http.Handler) { mux.Handle("/files/", h) }},
		{"under a prefix, stripped", "/files/", func(mux *http.ServeMux, h http.Handler) {
			mux.Handle("/files/", http.StripPrefix("/files", h))
		}},
		{"at a nested prefix", "/api/v1/files/", func(mux *http.ServeMux, h http.Handler) { mux.Handle("/api/v1/files/", h) }},
		{"at the root", "/", func(mux *http.ServeMux, h http.Handler) { mux.Handle("/", h) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			srv := httptest.NewServer(mux)
			defer srv.Close()
			l, err := OpenLocal(t.TempDir(), mustParse(t, srv.URL+tt.base), testSecret, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			tt.mount(mux, l.Handler())

			up, _ := l.SignedUploadURL(ctx, "a.png", "image/png", int64(len(pngBytes)))
			if !strings.HasPrefix(up, srv.URL+tt.base+"?") {
				t.Errorf("upload URL %s is not at the base URL", up)
			}
			if res := upload(t, up, "image/png", pngBytes); res.StatusCode != http.StatusOK {
				t.Fatalf("upload: %d", res.StatusCode)
			}
			down, _ := l.SignedDownloadURL(ctx, "a.png")
			res := do(t, http.MethodGet, down, "", nil, 0)
			got, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK || !bytes.Equal(got, pngBytes) {
				t.Fatalf("download: %d, %d bytes", res.StatusCode, len(got))
			}
		})
	}
}

func TestLocalURLsDoNotCrossInstances(t *testing.T) {
	a := newLocalEnv(t, Options{})
	b, err := OpenLocal(t.TempDir(), mustParse(t, a.srv.URL+"/files/"), []byte("another secret, 32 bytes long..."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	u, _ := b.SignedUploadURL(context.Background(), "a.png", "image/png", int64(len(pngBytes)))
	wantError(t, upload(t, u, "image/png", pngBytes), http.StatusForbidden, msgInvalidSignature)
	a.wantStored(t, nil)
}

func TestOpenLocalArguments(t *testing.T) {
	base := mustParse(t, "http://localhost/files/")
	if _, err := OpenLocal(t.TempDir(), nil, testSecret, Options{}); err == nil {
		t.Error("nil base URL accepted")
	}
	if _, err := OpenLocal(t.TempDir(), base, []byte("short"), Options{}); err == nil {
		t.Error("short secret accepted")
	}
	// The directory is created.
	dir := filepath.Join(t.TempDir(), "a", "b")
	l, err := OpenLocal(dir, base, testSecret, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.SignedUploadURL(context.Background(), "a.png", "image/png", files.MaxUploadSize+1); !errors.Is(err, files.ErrTooLarge) {
		t.Errorf("over the maximum: %v, want files.ErrTooLarge", err)
	}
}

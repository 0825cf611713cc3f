package blobstore

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/blob/driver"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/gcerrors"

	"github.com/blockyard/blockyard/primitives/files"
)

func openMem(t *testing.T, opts Options) *Bucket {
	t.Helper()
	b, err := OpenBucket(context.Background(), "mem://", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

func TestBucketDelete(t *testing.T) {
	ctx := context.Background()
	b := openMem(t, Options{})
	if err := b.Blob().WriteAll(ctx, "a.png", []byte("png"), nil); err != nil {
		t.Fatal(err)
	}
	if err := b.Delete(ctx, "a.png"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if ok, err := b.Blob().Exists(ctx, "a.png"); err != nil || ok {
		t.Fatalf("after Delete: exists = %v, %v", ok, err)
	}
	err := b.Delete(ctx, "a.png")
	if !errors.Is(err, files.ErrNotFound) || gcerrors.Code(err) != gcerrors.NotFound {
		t.Fatalf("Delete of a missing object = %v, want files.ErrNotFound and gcerrors.NotFound", err)
	}
}

func TestBucketMemCannotSign(t *testing.T) {
	ctx := context.Background()
	b := openMem(t, Options{})
	if _, err := b.SignedDownloadURL(ctx, "a.png"); gcerrors.Code(err) != gcerrors.Unimplemented {
		t.Errorf("SignedDownloadURL on mem:// = %v, want Unimplemented", err)
	}
	if _, err := b.SignedUploadURL(ctx, "a.png", "image/png", 3); gcerrors.Code(err) != gcerrors.Unimplemented {
		t.Errorf("SignedUploadURL on mem:// = %v, want Unimplemented", err)
	}
}

func TestOpenBucketUnknownScheme(t *testing.T) {
	if _, err := OpenBucket(context.Background(), "nosuchscheme://x", Options{}); err == nil {
		t.Fatal("OpenBucket with an unregistered scheme succeeded")
	}
}

func TestBucketUploadURLArguments(t *testing.T) {
	ctx := context.Background()
	b := openMem(t, Options{MaxSize: 100})
	if _, err := b.SignedUploadURL(ctx, "a.png", "image/png", 101); !errors.Is(err, files.ErrTooLarge) {
		t.Errorf("over MaxSize: err = %v, want files.ErrTooLarge", err)
	}
	if _, err := b.SignedUploadURL(ctx, "a.png", "image/", 10); !errors.Is(err, files.ErrInvalidContentType) {
		t.Errorf("bad type: err = %v, want files.ErrInvalidContentType", err)
	}
	d := openMem(t, Options{})
	if _, err := d.SignedUploadURL(ctx, "a.png", "image/png", files.MaxUploadSize+1); !errors.Is(err, files.ErrTooLarge) {
		t.Errorf("default MaxSize: err = %v, want files.ErrTooLarge", err)
	}
}

// fileBucket opens a file:// bucket signing with fileblob's URLSignerHMAC,
// as configured through the URL, and returns a verifier for its URLs.
func fileBucket(t *testing.T, opts Options) (*Bucket, *fileblob.URLSignerHMAC) {
	t.Helper()
	dir := t.TempDir()
	secret := []byte("0123456789abcdef0123456789abcdef")
	keyPath := filepath.Join(t.TempDir(), "secret.key")
	if err := os.WriteFile(keyPath, secret, 0o600); err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://files.example/files/")
	q := url.Values{"base_url": {base.String()}, "secret_key_path": {keyPath}}
	b, err := OpenBucket(context.Background(), "file://"+filepath.ToSlash(dir)+"?"+q.Encode(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b, fileblob.NewURLSignerHMAC(base, secret)
}

func TestBucketSignedUploadURLBindsContentType(t *testing.T) {
	ctx := context.Background()
	var seen []SignRequest
	b, verifier := fileBucket(t, Options{
		Expiry: time.Minute,
		BeforeSign: func(as func(any) bool, req SignRequest) error {
			seen = append(seen, req)
			return nil
		},
	})
	start := time.Now()
	raw, err := b.SignedUploadURL(ctx, "obj.png", "image/png", 1234)
	if err != nil {
		t.Fatal(err)
	}
	u := mustParse(t, raw)
	q := u.Query()
	if got := q.Get("contentType"); got != "image/png" {
		t.Errorf("contentType = %q, want image/png", got)
	}
	if got := q.Get("method"); got != http.MethodPut {
		t.Errorf("method = %q, want PUT", got)
	}
	exp, _ := strconv.ParseInt(q.Get("expiry"), 10, 64)
	if want := start.Add(time.Minute).Unix(); exp < want || exp > want+2 {
		t.Errorf("expiry = %d, want about %d (Options.Expiry)", exp, want)
	}
	if u.Host != "files.example" || u.Path != "/files/" {
		t.Errorf("URL %s does not point at the base URL", u)
	}
	if key, err := verifier.KeyFromURL(ctx, u); err != nil || key != "obj.png" {
		t.Fatalf("KeyFromURL = %q, %v", key, err)
	}
	// The content type is part of the signature.
	q.Set("contentType", "text/html")
	u.RawQuery = q.Encode()
	if _, err := verifier.KeyFromURL(ctx, u); err == nil {
		t.Error("a URL with a changed content type still verifies")
	}
	want := SignRequest{Method: http.MethodPut, ObjectName: "obj.png", ContentType: "image/png", ContentLength: 1234, NativeContentType: true}
	if len(seen) != 1 || seen[0] != want {
		t.Errorf("BeforeSign saw %+v, want [%+v]", seen, want)
	}
}

func TestBucketSignedDownloadAndDeleteURLs(t *testing.T) {
	ctx := context.Background()
	b, verifier := fileBucket(t, Options{})
	for _, tt := range []struct {
		method string
		sign   func(context.Context, string) (string, error)
	}{
		{http.MethodGet, b.SignedDownloadURL},
		{http.MethodDelete, b.SignedDeleteURL},
	} {
		start := time.Now()
		raw, err := tt.sign(ctx, "dir/obj.pdf")
		if err != nil {
			t.Fatal(err)
		}
		u := mustParse(t, raw)
		q := u.Query()
		if q.Get("method") != tt.method || q.Has("contentType") {
			t.Errorf("%s URL %s: wrong method or a content type", tt.method, u)
		}
		exp, _ := strconv.ParseInt(q.Get("expiry"), 10, 64)
		if want := start.Add(files.DefaultExpiry).Unix(); exp < want || exp > want+2 {
			t.Errorf("expiry = %d, want about %d (900 s default)", exp, want)
		}
		if key, err := verifier.KeyFromURL(ctx, u); err != nil || key != "dir/obj.pdf" {
			t.Errorf("%s: KeyFromURL = %q, %v", tt.method, key, err)
		}
		q.Set("method", http.MethodPut)
		u.RawQuery = q.Encode()
		if _, err := verifier.KeyFromURL(ctx, u); err == nil {
			t.Errorf("%s URL with a changed method still verifies", tt.method)
		}
	}
}

func TestBucketEmptyContentTypeEnforcesAbsence(t *testing.T) {
	// fileblob cannot carry "must be absent" in its URL; what matters is
	// that Bucket asks for it, which the fake records.
	fake := &fakeSigner{native: true}
	b := NewBucket(blob.NewBucket(fake), Options{})
	if _, err := b.SignedUploadURL(context.Background(), "x", "", 0); err != nil {
		t.Fatal(err)
	}
	if !fake.last.EnforceAbsentContentType || fake.last.ContentType != "" {
		t.Errorf("signed with %+v, want EnforceAbsentContentType", fake.last)
	}
}

func TestBucketContentTypeFallback(t *testing.T) {
	ctx := context.Background()

	t.Run("fails closed without BeforeSign", func(t *testing.T) {
		b := NewBucket(blob.NewBucket(&fakeSigner{}), Options{})
		_, err := b.SignedUploadURL(ctx, "a.png", "image/png", 10)
		if gcerrors.Code(err) != gcerrors.Unimplemented || !strings.Contains(err.Error(), "BeforeSign") {
			t.Fatalf("err = %v, want Unimplemented pointing at BeforeSign", err)
		}
	})

	t.Run("BeforeSign binds", func(t *testing.T) {
		var seen []SignRequest
		b := NewBucket(blob.NewBucket(&fakeSigner{}), Options{
			BeforeSign: func(as func(any) bool, req SignRequest) error {
				seen = append(seen, req)
				var in *fakePutInput
				if req.Method == http.MethodPut && !req.NativeContentType && as(&in) {
					in.contentType, in.contentLength = req.ContentType, req.ContentLength
				}
				return nil
			},
		})
		raw, err := b.SignedUploadURL(ctx, "a.png", "image/png", 10)
		if err != nil {
			t.Fatal(err)
		}
		if q := mustParse(t, raw).Query(); q.Get("ct") != "image/png" || q.Get("len") != "10" {
			t.Errorf("URL %s lacks the hook's binding", raw)
		}
		want := SignRequest{Method: http.MethodPut, ObjectName: "a.png", ContentType: "image/png", ContentLength: 10}
		if len(seen) != 1 || seen[0] != want {
			t.Errorf("BeforeSign saw %+v, want [%+v]", seen, want)
		}
	})

	t.Run("BeforeSign refuses", func(t *testing.T) {
		refused := errors.New("refused")
		b := NewBucket(blob.NewBucket(&fakeSigner{}), Options{
			BeforeSign: func(func(any) bool, SignRequest) error { return refused },
		})
		if _, err := b.SignedUploadURL(ctx, "a.png", "image/png", 10); !errors.Is(err, refused) {
			t.Fatalf("err = %v, want the hook's error", err)
		}
	})

	t.Run("downloads are unaffected", func(t *testing.T) {
		b := NewBucket(blob.NewBucket(&fakeSigner{}), Options{})
		if _, err := b.SignedDownloadURL(ctx, "a.png"); err != nil {
			t.Fatal(err)
		}
	})
}

// fakeSigner is a driver that signs like s3blob: with native false it
// refuses to bind a content type, and its BeforeSign exposes a PUT input.
type fakeSigner struct {
	driver.Bucket // nil: only the methods below are called
	native        bool
	last          driver.SignedURLOptions
}

type fakePutInput struct {
	contentType   string
	contentLength int64
}

var errFakeUnimplemented = errors.New("fake: cannot bind Content-Type")

func (f *fakeSigner) SignedURL(_ context.Context, key string, opts *driver.SignedURLOptions) (string, error) {
	f.last = *opts
	if !f.native && (opts.ContentType != "" || opts.EnforceAbsentContentType) {
		return "", errFakeUnimplemented
	}
	in := &fakePutInput{}
	if opts.BeforeSign != nil {
		err := opts.BeforeSign(func(i any) bool {
			p, ok := i.(**fakePutInput)
			if ok && opts.Method == http.MethodPut {
				*p = in
			}
			return ok && opts.Method == http.MethodPut
		})
		if err != nil {
			return "", err
		}
	}
	q := url.Values{"ct": {in.contentType}, "len": {strconv.FormatInt(in.contentLength, 10)}}
	return "https://fake.example/" + key + "?" + q.Encode(), nil
}

func (f *fakeSigner) ErrorCode(err error) gcerrors.ErrorCode {
	if errors.Is(err, errFakeUnimplemented) {
		return gcerrors.Unimplemented
	}
	return gcerrors.Unknown
}

func (f *fakeSigner) Close() error { return nil }

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

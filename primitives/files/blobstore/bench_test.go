package blobstore

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/blockyard/blockyard/primitives/files"
)

const benchSize = files.MaxUploadSize // 10 MB, the largest upload allowed

// BenchmarkUpload10MB streams a 10 MB upload through Handler into a
// directory. B/op stays far below the file size: the body is never held in
// memory.
func BenchmarkUpload10MB(b *testing.B) {
	l, err := OpenLocal(b.TempDir(), mustParseB(b, "http://localhost/files/"), testSecret, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	h := l.Handler()
	u, err := l.SignedUploadURL(context.Background(), "big.png", "image/png", benchSize)
	if err != nil {
		b.Fatal(err)
	}
	body := bytes.Repeat([]byte{0x5a}, benchSize)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPut, u, bytes.NewReader(body))
		req.Header.Set("Content-Type", "image/png")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("upload: %d %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkDownload10MB serves a 10 MB file through Handler to a writer
// that discards it.
func BenchmarkDownload10MB(b *testing.B) {
	l, err := OpenLocal(b.TempDir(), mustParseB(b, "http://localhost/files/"), testSecret, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	ctx := context.Background()
	if err := l.Blob().WriteAll(ctx, "big.png", bytes.Repeat([]byte{0x5a}, benchSize), nil); err != nil {
		b.Fatal(err)
	}
	h := l.Handler()
	u, err := l.SignedDownloadURL(ctx, "big.png")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchSize)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := &discardResponse{header: http.Header{}}
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
		if w.status != http.StatusOK || w.n != benchSize {
			b.Fatalf("download: %d, %d bytes", w.status, w.n)
		}
	}
}

// discardResponse is a ResponseWriter that counts and drops the body.
type discardResponse struct {
	header http.Header
	status int
	n      int
}

func (d *discardResponse) Header() http.Header { return d.header }
func (d *discardResponse) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}
func (d *discardResponse) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	d.n += len(p)
	return len(p), nil
}

func mustParseB(b *testing.B, raw string) *url.URL {
	b.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		b.Fatal(err)
	}
	return u
}

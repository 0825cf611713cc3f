package blobstore_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"

	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
)

// A host app serving Local storage under /files/: sign an upload URL, PUT
// the file to it, then sign a download URL and GET the file back.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "files-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()

	base, _ := url.Parse(srv.URL + "/files/")
	secret := []byte("example secret, use 32 random bytes")
	storage, err := blobstore.OpenLocal(dir, base, secret, blobstore.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer storage.Close()
	mux.Handle("/files/", storage.Handler())

	// An upload-URL route: name the object and sign a PUT for it.
	png := []byte("\x89PNG\r\n\x1a\n...")
	name := files.ObjectName("0b6b1d9e-4a5c-4f8e-9a77-3c1f2a4d5e6f", "image/png")
	uploadURL, err := storage.SignedUploadURL(ctx, name, "image/png", int64(len(png)))
	if err != nil {
		log.Fatal(err)
	}

	fmt.Println("object:", name)

	// The client uploads with exactly the signed type and length.
	req, _ := http.NewRequest(http.MethodPut, uploadURL, bytes.NewReader(png))
	req.Header.Set("Content-Type", "image/png")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	fmt.Println("upload:", res.Status)

	// A read route: sign a download URL for the stored reference.
	downloadURL, err := storage.SignedDownloadURL(ctx, name)
	if err != nil {
		log.Fatal(err)
	}
	res, err = http.Get(downloadURL)
	if err != nil {
		log.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println("download:", res.Status, res.Header.Get("Content-Type"), bytes.Equal(got, png))

	// Output:
	// object: 0b6b1d9e-4a5c-4f8e-9a77-3c1f2a4d5e6f.png
	// upload: 200 OK
	// download: 200 OK image/png true
}

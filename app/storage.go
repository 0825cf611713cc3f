package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
)

// localFilesPath is where the local storage's signed URLs point and its
// handler is mounted, outside /api: signed URLs carry their own
// authorization and browsers call them without credentials.
const localFilesPath = "/files/"

// storage is the file storage of organization logos and certificates.
type storage struct {
	files.Storage
	io.Closer
	// Handler serves the signed URLs of local storage; nil for a cloud
	// bucket, whose URLs point at the provider.
	Handler http.Handler
}

// openStorage opens BLOB_URL when set (any gocloud.dev/blob URL whose driver
// is linked in; package blobstore links file:// and mem://, a program adds
// a blank import such as gocloud.dev/blob/gcsblob for a cloud), and otherwise stores files
// in dataDir/files, served by this process under /files/ at PUBLIC_URL or,
// without it, at the listen address.
func openStorage(ctx context.Context, cfg Config, secrets nodeblocks.AuthSecrets, addr net.Addr, log *slog.Logger) (*storage, error) {
	if cfg.BlobURL != "" {
		b, err := blobstore.OpenBucket(ctx, cfg.BlobURL, blobstore.Options{})
		if err != nil {
			return nil, err
		}
		// Log the scheme and bucket only: a URL's query may hold credentials.
		where := "(unparsable URL)"
		if u, err := url.Parse(cfg.BlobURL); err == nil {
			where = u.Scheme + "://" + u.Host
		}
		log.Info("file storage opened", "bucket", where)
		return &storage{Storage: b, Closer: b}, nil
	}

	base, err := filesBaseURL(cfg.PublicURL, addr)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(cfg.DataDir, "files")
	// The URL-signing key derives from the auth signing secret, so it is
	// as stable as the tokens and shared by replicas that share those.
	l, err := blobstore.OpenLocal(dir, base, deriveKey(secrets, "local file URLs"), blobstore.Options{})
	if err != nil {
		return nil, err
	}
	log.Info("local file storage opened", "dir", dir, "url", base.String())
	return &storage{Storage: l, Closer: l, Handler: l.Handler()}, nil
}

// filesBaseURL is the absolute URL of the local files handler: under
// publicURL when set (the address clients reach, e.g. behind a proxy),
// else at the listen address, with localhost for a wildcard host.
func filesBaseURL(publicURL string, addr net.Addr) (*url.URL, error) {
	if publicURL != "" {
		u, err := url.Parse(publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("PUBLIC_URL %q must be an absolute http(s) URL", publicURL)
		}
		return u.JoinPath(localFilesPath), nil
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port), Path: localFilesPath}, nil
}

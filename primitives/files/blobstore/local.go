package blobstore

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"

	"github.com/blockyard/blockyard/primitives/files"
)

// Query parameters of Local's signed URLs. fileblob's URLSignerHMAC writes
// and signs obj, expiry, method and contentType under signature; Local adds
// the content length, which fileblob cannot bind, under its own MAC.
const (
	paramObject        = "obj"
	paramExpiry        = "expiry"
	paramMethod        = "method"
	paramContentType   = "contentType"
	paramSignature     = "signature"
	paramLength        = "contentLength"
	paramLengthSig     = "contentLengthSignature"
	minSecretLen       = 16
	lengthKeyDerivator = "blockyard/primitives/files: content-length v1"
)

// Local is a Storage on a local directory that serves its own signed URLs
// through Handler, for development, single-node installs and tests: it
// behaves like a cloud bucket (clients PUT and GET signed URLs; the API
// never proxies bytes) without any cloud.
//
// Files and their content types are stored by fileblob (content types in
// sidecar .attrs files). URLs are signed with fileblob.NewURLSignerHMAC,
// which binds the object, method, expiry and content type; Local binds the
// content length on top (an HMAC over fileblob's signature and the length,
// under a key derived from the same secret), so a client can change none of
// them.
//
// A Local is safe for concurrent use. Replicas serving one directory must
// share the secret.
type Local struct {
	bucket    *Bucket
	signer    *fileblob.URLSignerHMAC
	lengthKey []byte
}

// OpenLocal stores files in dir (created if missing) and signs URLs that
// point at baseURL, the address where the host app serves Handler, e.g.
// https://api.example.com/files/ (a path-only URL such as /files/ suits a
// same-origin frontend). secret keys the signatures: at least 16 bytes, 32
// random bytes recommended, the same on every replica and kept stable, or
// outstanding URLs stop working.
func OpenLocal(dir string, baseURL *url.URL, secret []byte, opts Options) (*Local, error) {
	if baseURL == nil {
		return nil, errors.New("files: OpenLocal needs a base URL")
	}
	if len(secret) < minSecretLen {
		return nil, fmt.Errorf("files: OpenLocal needs a secret of at least %d bytes", minSecretLen)
	}
	signer := fileblob.NewURLSignerHMAC(baseURL, secret)
	b, err := fileblob.OpenBucket(dir, &fileblob.Options{
		URLSigner: signer,
		CreateDir: true,
		// Write temporary files next to their destination rather than in
		// os.TempDir: the final rename fails across mount points.
		NoTempDir: true,
	})
	if err != nil {
		return nil, fmt.Errorf("files: open local storage: %w", err)
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(lengthKeyDerivator))
	return &Local{
		bucket:    NewBucket(b, opts),
		signer:    signer,
		lengthKey: mac.Sum(nil),
	}, nil
}

// SignedUploadURL signs a PUT of objectName through Handler that accepts
// exactly contentLength bytes with Content-Type exactly contentType (none
// if empty). It fails with files.ErrTooLarge above Options.MaxSize; a negative
// length is signed (the reference's schema lets it through) but no upload
// can match it.
func (l *Local) SignedUploadURL(ctx context.Context, objectName, contentType string, contentLength int64) (string, error) {
	raw, err := l.bucket.SignedUploadURL(ctx, objectName, contentType, contentLength)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("files: sign upload URL for %q: %w", objectName, err)
	}
	q := u.Query()
	length := strconv.FormatInt(contentLength, 10)
	q.Set(paramLength, length)
	q.Set(paramLengthSig, l.lengthMAC(q.Get(paramSignature), length))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// SignedDownloadURL signs a GET of objectName through Handler.
func (l *Local) SignedDownloadURL(ctx context.Context, objectName string) (string, error) {
	return l.bucket.SignedDownloadURL(ctx, objectName)
}

// SignedDeleteURL signs a DELETE of objectName through Handler.
func (l *Local) SignedDeleteURL(ctx context.Context, objectName string) (string, error) {
	return l.bucket.SignedDeleteURL(ctx, objectName)
}

// Delete removes objectName; a missing object is an error matching
// files.ErrNotFound.
func (l *Local) Delete(ctx context.Context, objectName string) error {
	return l.bucket.Delete(ctx, objectName)
}

// Blob returns the underlying bucket, e.g. for tests that check what an
// upload stored.
func (l *Local) Blob() *blob.Bucket { return l.bucket.Blob() }

// Close closes the underlying bucket.
func (l *Local) Close() error { return l.bucket.Close() }

// lengthMAC binds length to the fileblob signature of one URL, so the
// length cannot be moved to, or stripped from, another URL.
func (l *Local) lengthMAC(signature, length string) string {
	mac := hmac.New(sha256.New, l.lengthKey)
	mac.Write([]byte(signature))
	mac.Write([]byte{0})
	mac.Write([]byte(length))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

var (
	_ files.Storage = (*Bucket)(nil)
	_ files.Storage = (*Local)(nil)
)

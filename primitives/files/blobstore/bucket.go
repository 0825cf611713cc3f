package blobstore

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"gocloud.dev/blob"

	"github.com/blockyard/blockyard/primitives/files"
	// The in-memory driver costs nothing and lets every package open
	// "mem://" buckets in tests without remembering this import.
	_ "gocloud.dev/blob/memblob"
	"gocloud.dev/gcerrors"
)

// Bucket is a Storage on any gocloud.dev/blob provider. Clients talk to the
// provider directly through the URLs it signs.
//
// This package registers only the file:// and mem:// drivers. A host app
// that stores files in the cloud blank-imports the driver it needs, e.g.
//
//	import _ "gocloud.dev/blob/gcsblob"
//
// so that the core does not pull every cloud SDK into every binary.
//
// # What upload URLs bind, per provider
//
// The reference (Google Cloud Storage, v4 signing) binds the method, the
// object, the expiry, the Content-Type and the Content-Length header.
// Through gocloud.dev/blob's portable options Bucket binds the first four
// wherever the driver can:
//
//   - gcsblob, fileblob: the content type is bound natively. gcsblob does
//     not bind the size; a host app can add a signed header in
//     Options.BeforeSign through *storage.SignedURLOptions (Headers).
//   - s3blob refuses SignedURLOptions.ContentType for PUT (the AWS SDK v2
//     did not sign it: aws/aws-sdk-go-v2#1475), so Bucket fails closed
//     unless Options.BeforeSign binds it through *s3.PutObjectInput, as
//     below. Whether the SDK then also signs content-length is version
//     dependent (aws/aws-sdk-go-v2#1418): do not rely on S3 to cap the size.
//     s3blob cannot sign DELETE URLs at all (SignedDeleteURL fails).
//   - azureblob: SAS URLs cannot bind a content type or a size. Bucket fails
//     closed; a BeforeSign that returns nil when !req.NativeContentType is
//     the explicit opt-in to unbound upload URLs.
//   - memblob cannot sign URLs at all: use it for Delete, or use Local.
//
// Where the provider cannot cap the size, MaxSize is only checked at signing
// time against the declared contentLength.
//
// A Bucket is safe for concurrent use.
//
// The S3 hook, in a host app that imports the AWS SDK:
//
//	BeforeSign: func(as func(any) bool, req blobstore.SignRequest) error {
//		if req.Method != http.MethodPut || req.NativeContentType {
//			return nil
//		}
//		var in *s3.PutObjectInput
//		if !as(&in) {
//			return errors.New("upload URL: content type cannot be bound")
//		}
//		in.ContentType = aws.String(req.ContentType)
//		// Needed too: the SDK drops content-type from the signed headers
//		// when ContentLength is unset (aws/aws-sdk-go-v2#2063).
//		in.ContentLength = aws.Int64(req.ContentLength)
//		return nil
//	},
type Bucket struct {
	b    *blob.Bucket
	opts Options
}

// OpenBucket opens the bucket at bucketURL (e.g. "gs://my-bucket",
// "file:///var/lib/blockyard/files?base_url=...&secret_key_path=...",
// "mem://"). The scheme's driver must be registered: see Bucket.
func OpenBucket(ctx context.Context, bucketURL string, opts Options) (*Bucket, error) {
	b, err := blob.OpenBucket(ctx, bucketURL)
	if err != nil {
		return nil, fmt.Errorf("files: open bucket: %w", err)
	}
	return NewBucket(b, opts), nil
}

// NewBucket wraps an already opened bucket, for providers that need options
// a URL cannot carry (credentials, signers). The Bucket takes ownership of
// b: Close closes it.
func NewBucket(b *blob.Bucket, opts Options) *Bucket {
	return &Bucket{b: b, opts: opts.withDefaults()}
}

// Blob returns the underlying bucket, for what Storage does not cover
// (tests checking what was stored, migrations, listing).
func (b *Bucket) Blob() *blob.Bucket { return b.b }

// Close closes the underlying bucket.
func (b *Bucket) Close() error { return b.b.Close() }

// SignedUploadURL signs a PUT of objectName. The content type is bound as
// the provider allows (see Bucket); an empty contentType requires the upload
// to carry no Content-Type. contentLength is passed to Options.BeforeSign and
// must not exceed Options.MaxSize (files.ErrTooLarge); zero and negative lengths,
// which the reference's schemas let through, are signed as given.
func (b *Bucket) SignedUploadURL(ctx context.Context, objectName, contentType string, contentLength int64) (string, error) {
	if contentLength > b.opts.MaxSize {
		return "", fmt.Errorf("%w: %d > %d bytes", files.ErrTooLarge, contentLength, b.opts.MaxSize)
	}
	if contentType != "" {
		if _, _, err := mime.ParseMediaType(contentType); err != nil {
			return "", fmt.Errorf("%w %q: %w", files.ErrInvalidContentType, contentType, err)
		}
	}
	req := SignRequest{
		Method:            http.MethodPut,
		ObjectName:        objectName,
		ContentType:       contentType,
		ContentLength:     contentLength,
		NativeContentType: true,
	}
	opts := &blob.SignedURLOptions{
		Method:                   http.MethodPut,
		ContentType:              contentType,
		EnforceAbsentContentType: contentType == "",
	}
	u, err := b.sign(ctx, req, opts)
	if gcerrors.Code(err) == gcerrors.Unimplemented && b.opts.BeforeSign != nil {
		// The driver cannot bind the content type: hand it to the hook.
		req.NativeContentType = false
		opts.ContentType, opts.EnforceAbsentContentType = "", false
		u, err = b.sign(ctx, req, opts)
	}
	if err != nil {
		return "", fmt.Errorf("files: sign upload URL for %q (if the driver cannot bind Content-Type, see Options.BeforeSign): %w", objectName, err)
	}
	return u, nil
}

// SignedDownloadURL signs a GET of objectName.
func (b *Bucket) SignedDownloadURL(ctx context.Context, objectName string) (string, error) {
	u, err := b.sign(ctx, SignRequest{Method: http.MethodGet, ObjectName: objectName}, &blob.SignedURLOptions{Method: http.MethodGet})
	if err != nil {
		return "", fmt.Errorf("files: sign download URL for %q: %w", objectName, err)
	}
	return u, nil
}

// SignedDeleteURL signs a DELETE of objectName. Not every provider can
// (s3blob cannot); the reference never uses it either.
func (b *Bucket) SignedDeleteURL(ctx context.Context, objectName string) (string, error) {
	u, err := b.sign(ctx, SignRequest{Method: http.MethodDelete, ObjectName: objectName}, &blob.SignedURLOptions{Method: http.MethodDelete})
	if err != nil {
		return "", fmt.Errorf("files: sign delete URL for %q: %w", objectName, err)
	}
	return u, nil
}

// Delete removes objectName; a missing object is an error matching
// files.ErrNotFound (and gcerrors.NotFound).
func (b *Bucket) Delete(ctx context.Context, objectName string) error {
	err := b.b.Delete(ctx, objectName)
	switch {
	case err == nil:
		return nil
	case gcerrors.Code(err) == gcerrors.NotFound:
		return fmt.Errorf("files: delete %q: %w: %w", objectName, files.ErrNotFound, err)
	default:
		return fmt.Errorf("files: delete %q: %w", objectName, err)
	}
}

// sign signs with the configured expiry, wiring Options.BeforeSign in.
func (b *Bucket) sign(ctx context.Context, req SignRequest, opts *blob.SignedURLOptions) (string, error) {
	opts.Expiry = b.opts.Expiry
	opts.BeforeSign = nil
	if hook := b.opts.BeforeSign; hook != nil {
		opts.BeforeSign = func(as func(any) bool) error { return hook(as, req) }
	}
	return b.b.SignedURL(ctx, req.ObjectName, opts)
}

// isNotFound reports whether err is a blob "not found" error.
func isNotFound(err error) bool {
	return errors.Is(err, files.ErrNotFound) || gcerrors.Code(err) == gcerrors.NotFound
}

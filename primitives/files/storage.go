package files

import (
	"context"
	"errors"
)

// Storage is what blocks need from file storage. It mirrors the reference's
// fileStorageDriver contract: clients upload and
// download directly through short-lived signed URLs, so file bytes never pass
// through the API process, and the API itself only signs URLs and deletes
// objects it no longer references.
//
// *Bucket (any gocloud.dev/blob provider) and *Local (a directory served by
// this package's own handler) implement it.
type Storage interface {
	// SignedUploadURL returns a URL that, until it expires, accepts PUTs of
	// objectName whose Content-Type header is exactly contentType and whose
	// size is contentLength bytes (how strictly each is bound depends on the
	// implementation; see Bucket and Local).
	SignedUploadURL(ctx context.Context, objectName, contentType string, contentLength int64) (string, error)
	// SignedDownloadURL returns a URL that serves objectName to a GET.
	// Callers generate one on every read; signed URLs are never stored.
	SignedDownloadURL(ctx context.Context, objectName string) (string, error)
	// SignedDeleteURL returns a URL that deletes objectName on DELETE.
	SignedDeleteURL(ctx context.Context, objectName string) (string, error)
	// Delete removes objectName. It returns an error matching ErrNotFound
	// when there is no such object, as the reference's driver fails then.
	Delete(ctx context.Context, objectName string) error
}

var (
	// ErrNotFound is matched (errors.Is) by Delete's error when the object
	// does not exist, so callers can decide whether a missing file matters.
	ErrNotFound = errors.New("files: object not found")
	// ErrTooLarge is returned by SignedUploadURL when contentLength exceeds
	// Options.MaxSize: no URL is issued for an upload that is not allowed.
	ErrTooLarge = errors.New("files: content length exceeds the maximum upload size")
	// ErrInvalidContentType is returned by SignedUploadURL when contentType
	// is not a parseable MIME type: no provider could store it.
	ErrInvalidContentType = errors.New("files: invalid content type")
)

var (
	_ Storage = (*Bucket)(nil)
	_ Storage = (*Local)(nil)
)

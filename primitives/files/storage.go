package files

import (
	"context"
	"errors"
	"time"
)

const (
	// DefaultExpiry is how long signed URLs stay valid unless an
	// implementation is told otherwise: the reference's
	// signedUrlExpiresInSeconds default, 900 s.
	DefaultExpiry = 900 * time.Second
	// MaxUploadSize is the largest contentLength the upload-URL routes accept
	// and the implementations' default maximum upload.
	MaxUploadSize = 10_000_000
)

// Storage is what blocks need from file storage. It mirrors the reference's
// fileStorageDriver contract: clients upload and
// download directly through short-lived signed URLs, so file bytes never pass
// through the API process, and the API itself only signs URLs and deletes
// objects it no longer references.
//
// Package blobstore implements it on gocloud.dev/blob: *blobstore.Bucket
// (any provider) and *blobstore.Local (a directory served by its own
// handler). The interface lives apart so that a program that stores no
// files links no cloud SDK.
type Storage interface {
	// SignedUploadURL returns a URL that, until it expires, accepts PUTs of
	// objectName whose Content-Type header is exactly contentType and whose
	// size is contentLength bytes (how strictly each is bound depends on the
	// implementation; see package blobstore).
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

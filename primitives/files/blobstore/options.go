package blobstore

import (
	"time"

	"github.com/blockyard/blockyard/primitives/files"
)

// Options tunes a Bucket or a Local. The zero value is ready to use.
type Options struct {
	// Expiry is how long every signed URL stays valid. Zero means
	// files.DefaultExpiry.
	Expiry time.Duration

	// MaxSize is the largest upload, in bytes. SignedUploadURL refuses to
	// sign larger contentLengths (files.ErrTooLarge) and Local's handler rejects
	// larger bodies with 413. Zero means files.MaxUploadSize.
	MaxSize int64

	// Clock returns the current time. Local's handler checks URL expiry
	// against it, so tests can expire URLs without sleeping. nil means
	// time.Now.
	//
	// Signing always uses the wall clock, because the providers' signers
	// (fileblob's URLSignerHMAC included) read time.Now themselves; Local
	// therefore requires both the wall clock and Clock to be before a URL's
	// expiry, so Clock can shorten a URL's life but never extend it.
	Clock func() time.Time

	// BeforeSign, if set, runs before every signing with the driver's
	// SignedURLOptions.BeforeSign asFunc (see https://gocloud.dev/concepts/as/)
	// and a description of the URL being signed. It is how a host app binds
	// what a driver cannot bind through gocloud.dev/blob's portable options,
	// without this package importing cloud SDKs.
	//
	// Upload URLs are first signed with the content type bound natively
	// (SignedURLOptions.ContentType, or EnforceAbsentContentType for an empty
	// type). If the driver refuses that as Unimplemented (s3blob and
	// azureblob do), Bucket fails closed unless BeforeSign is set, in which
	// case it signs again without the native binding and calls BeforeSign
	// with req.NativeContentType == false: the hook must then bind the
	// content type itself, or return nil to knowingly accept unbound upload
	// URLs. See Bucket for provider-specific recipes.
	BeforeSign func(asFunc func(any) bool, req SignRequest) error
}

// SignRequest describes the URL being signed, for Options.BeforeSign.
type SignRequest struct {
	// Method is http.MethodPut, http.MethodGet or http.MethodDelete.
	Method string
	// ObjectName is the object the URL grants access to.
	ObjectName string
	// ContentType and ContentLength are what an upload must carry; they are
	// zero for GET and DELETE.
	ContentType   string
	ContentLength int64
	// NativeContentType reports whether the driver itself binds ContentType
	// into the signature. When it is false on a PUT, the driver refused to,
	// and BeforeSign is responsible for it.
	NativeContentType bool
}

// withDefaults returns o with zero fields replaced by their defaults.
func (o Options) withDefaults() Options {
	if o.Expiry <= 0 {
		o.Expiry = files.DefaultExpiry
	}
	if o.MaxSize <= 0 {
		o.MaxSize = files.MaxUploadSize
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return o
}

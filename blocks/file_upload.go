package blocks

import (
	"context"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
)

// ErrGenerateUploadURL: the storage could not sign an upload URL (or none
// is configured). Upload-URL routes map its kind to 500.
var ErrGenerateUploadURL = primitives.NewError(KindFileStorageService, "Failed to generate signed upload URL.")

// UploadURL is an upload-URL route's answer: the id of the object to
// upload, which the client later saves as {objectId, type}, and the signed
// URL to PUT it to.
type UploadURL struct {
	ObjectID string `json:"objectId"`
	URL      string `json:"url"`
}

// GenerateFileUploadURL signs a PUT URL for a new object objectID of the
// given type and length, named objectID + "." + extension (files.ObjectName).
// Nothing is stored: the object only exists once the client uploads it.
func GenerateFileUploadURL(ctx context.Context, storage files.Storage, objectID, contentType string, contentLength int64) mo.Result[UploadURL] {
	if storage == nil {
		return mo.Err[UploadURL](ErrGenerateUploadURL.Wrap(errNoStorage))
	}
	url, err := storage.SignedUploadURL(ctx, files.ObjectName(objectID, contentType), contentType, contentLength)
	if err != nil {
		return mo.Err[UploadURL](ErrGenerateUploadURL.Wrap(err))
	}
	return mo.Ok(UploadURL{ObjectID: objectID, URL: url})
}

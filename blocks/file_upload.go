package blocks

import (
	"context"
	"errors"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
)

// ErrGenerateUploadURL: the storage could not sign an upload URL (or none
// is configured, or the service has no key to issue object ids). Upload-URL
// routes map its kind to 500.
var ErrGenerateUploadURL = primitives.NewError(KindFileStorageService, "Failed to generate signed upload URL.")

var errNoFileIDs = errors.New("blocks: no key for file object ids (Config.AuthSecrets must each be at least 18 characters)")

// UploadURL is an upload-URL route's answer: the id of the object to
// upload, which the client later saves as {objectId, type}, and the signed
// URL to PUT it to.
type UploadURL struct {
	ObjectID string `json:"objectId"`
	URL      string `json:"url"`
}

// GenerateFileUploadURL issues a new object id bound to b (see
// FileBinding and CheckFile: only b's target will accept it) and signs a
// PUT URL for it, of the given type and length, named objectId + "." +
// extension (files.ObjectName). Nothing is stored: the object only exists
// once the client uploads it.
func GenerateFileUploadURL(ctx context.Context, storage files.Storage, ids *files.ObjectIDs, b FileBinding, contentType string, contentLength int64) mo.Result[UploadURL] {
	if storage == nil {
		return mo.Err[UploadURL](ErrGenerateUploadURL.Wrap(errNoStorage))
	}
	if ids == nil {
		return mo.Err[UploadURL](ErrGenerateUploadURL.Wrap(errNoFileIDs))
	}
	objectID := ids.Issue(b.Purpose, b.Target)
	url, err := storage.SignedUploadURL(ctx, files.ObjectName(objectID, contentType), contentType, contentLength)
	if err != nil {
		return mo.Err[UploadURL](ErrGenerateUploadURL.Wrap(err))
	}
	return mo.Ok(UploadURL{ObjectID: objectID, URL: url})
}

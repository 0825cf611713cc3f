package blocks

import (
	"context"
	"errors"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
)

// Normalization errors: a download URL could not be signed. Their kind is
// unmapped on organization routes, hence 500 with "data": [].
var (
	ErrNormalizeLogo        = primitives.NewError(KindOrganizationBlock, "Failed to normalize logo.")
	ErrNormalizeCertificate = primitives.NewError(KindOrganizationBlock, "Failed to normalize certificate.")
	// ErrDeleteFile: the storage refused to delete a file.
	ErrDeleteFile = primitives.NewError(KindFileStorageService, "Failed to delete file.")
)

var errNoStorage = errors.New("blocks: no file storage configured")

// downloadURL signs a download URL of file's object.
func downloadURL(ctx context.Context, storage files.Storage, f *File) (string, error) {
	if storage == nil {
		return "", errNoStorage
	}
	return storage.SignedDownloadURL(ctx, files.ObjectName(f.ObjectID, f.Type))
}

// signedFile is the response form of a stored file reference: {type, url}
// with a freshly signed download URL instead of the objectId. Every
// normalizer signs through it and only chooses its own error.
func signedFile(ctx context.Context, storage files.Storage, f *File) (*File, error) {
	url, err := downloadURL(ctx, storage, f)
	if err != nil {
		return nil, err
	}
	return &File{Type: f.Type, URL: url}, nil
}

// NormalizeLogoOfOwner returns a copy of org whose logo is {type, url}
// with a freshly signed download URL instead of the objectId; a null or
// absent logo is returned as is. Signed URLs are never stored.
func NormalizeLogoOfOwner(ctx context.Context, storage files.Storage, org *Organization) mo.Result[*Organization] {
	if org.Logo.File == nil {
		return mo.Ok(org)
	}
	logo, err := signedFile(ctx, storage, org.Logo.File)
	if err != nil {
		return mo.Err[*Organization](ErrNormalizeLogo.Wrap(err))
	}
	c := *org
	c.Logo = OptionalFile{File: logo}
	return mo.Ok(&c)
}

// NormalizeCertificateImage returns a copy of org with certificateImageUrl
// set to a signed download URL of its certificate (the certificateImage
// reference itself is left intact), or org itself when it has none.
func NormalizeCertificateImage(ctx context.Context, storage files.Storage, org *Organization) mo.Result[*Organization] {
	if org.CertificateImage == nil {
		return mo.Ok(org)
	}
	cert, err := signedFile(ctx, storage, org.CertificateImage)
	if err != nil {
		return mo.Err[*Organization](ErrNormalizeCertificate.Wrap(err))
	}
	c := *org
	c.CertificateImageURL = cert.URL
	return mo.Ok(&c)
}

// NormalizeOrganization applies NormalizeCertificateImage then
// NormalizeLogoOfOwner, the response form of a single organization.
func NormalizeOrganization(ctx context.Context, storage files.Storage, org *Organization) mo.Result[*Organization] {
	return primitives.Then(NormalizeCertificateImage(ctx, storage, org), func(o *Organization) mo.Result[*Organization] {
		return NormalizeLogoOfOwner(ctx, storage, o)
	})
}

// NormalizeLogosOfOwners normalizes a list for a response: a certificate
// URL that cannot be signed is left out (as the reference does), while a
// logo that cannot be signed fails the whole list with "Failed to
// normalize logo." (the reference crashed with a TypeError message).
func NormalizeLogosOfOwners(ctx context.Context, storage files.Storage, orgs []*Organization) mo.Result[[]*Organization] {
	return primitives.Each(orgs, func(o *Organization) mo.Result[*Organization] {
		if c, err := NormalizeCertificateImage(ctx, storage, o).Get(); err == nil {
			o = c
		}
		return NormalizeLogoOfOwner(ctx, storage, o)
	})
}

// DeleteLogoOfOwner deletes the logo file of org, if it has one. A file
// that is already gone counts as deleted (the reference failed, which made
// an organization whose logo was never uploaded impossible to delete).
func DeleteLogoOfOwner(ctx context.Context, storage files.Storage, org *Organization) mo.Result[*Organization] {
	f := org.Logo.File
	if f == nil {
		return mo.Ok(org)
	}
	if storage == nil {
		return mo.Err[*Organization](ErrDeleteFile.Wrap(errNoStorage))
	}
	if err := storage.Delete(ctx, files.ObjectName(f.ObjectID, f.Type)); err != nil && !errors.Is(err, files.ErrNotFound) {
		return mo.Err[*Organization](ErrDeleteFile.Wrap(err))
	}
	return mo.Ok(org)
}

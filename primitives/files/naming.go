package files

import (
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// imageContentTypes is the logo / avatar contentType enum, in the reference's order.
var imageContentTypes = []string{
	"image/jpeg", "image/png", "image/webp", "image/gif", "image/svg+xml",
	"image/avif", "image/bmp", "image/x-icon", "image/tiff", "image/heif",
	"image/heic",
}

// certificateContentTypes is the certificate contentType enum.
var certificateContentTypes = []string{
	"application/pdf", "image/gif", "image/jpeg", "image/png",
}

// ImageContentTypes returns the MIME types accepted for images (logos,
// avatars), for the contentType enum of upload-URL request
// schemas. It returns a fresh slice each call, so callers may modify it.
func ImageContentTypes() []string {
	return append([]string(nil), imageContentTypes...)
}

// CertificateContentTypes returns the MIME types accepted for certificates
// (PDF and the common images), for the contentType enum of the certificate upload-URL
// schema. It returns a fresh slice each call, so callers may modify it.
func CertificateContentTypes() []string {
	return append([]string(nil), certificateContentTypes...)
}

// Extension returns the file extension (without the dot) for contentType,
// and whether the type is known: mime-types' extension(), the first
// extension mime-db 1.54 lists (the reference names stored objects with
// it). Like extension(), it ignores leading white space
// and parameters and lower-cases the type ("image/PNG; q=1" → "png").
func Extension(contentType string) (string, bool) {
	ext, ok := mimeExtensions[mediaType(contentType)]
	return ext, ok
}

// ObjectName returns the storage object name for a file: objectID + "." +
// Extension(contentType). For an unknown type it uses the literal extension
// "false", as the reference does (it concatenates mime-types' false), so
// objects named by the reference keep resolving.
func ObjectName(objectID, contentType string) string {
	ext, ok := Extension(contentType)
	if !ok {
		ext = "false"
	}
	return objectID + "." + ext
}

// NewObjectID returns a fresh object id (a random UUID, as the reference's
// uuidv4()) for a file about to be uploaded.
func NewObjectID() string {
	return uuid.NewString()
}

// mediaType extracts the lower-cased type/subtype the way mime-types'
// EXTRACT_TYPE_REGEXP (/^\s*([^;\s]*)(?:;|\s|$)/) does.
func mediaType(contentType string) string {
	s := strings.TrimLeftFunc(contentType, unicode.IsSpace)
	if i := strings.IndexFunc(s, func(r rune) bool { return r == ';' || unicode.IsSpace(r) }); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

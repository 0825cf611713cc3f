package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// uploadURLParams are an upload-URL route's parameters: the organization,
// a contentType among types, and an integer contentLength of at most
// files.MaxUploadSize (no minimum, as in the reference).
func uploadURLParams(types []string) []schema.Param {
	enum := make([]any, len(types))
	for i, t := range types {
		enum[i] = t
	}
	return []schema.Param{
		organizationIDParam,
		{Name: "contentType", In: schema.Query, Required: true, Schema: schema.String().Enum(enum...)},
		{Name: "contentLength", In: schema.Query, Required: true, Schema: schema.Integer().Maximum(files.MaxUploadSize)},
	}
}

// GetLogoUploadURL validates an image contentType and the contentLength
// before routes.GetLogoUploadURL.
var GetLogoUploadURL = primitives.NewFeature(schema.Request{
	Params: uploadURLParams(files.ImageContentTypes()),
}, routes.GetLogoUploadURL, tokensSetup)

// GetCertificateUploadURL validates a certificate contentType (PDF, GIF,
// JPEG, PNG) and the contentLength before routes.GetCertificateUploadURL.
var GetCertificateUploadURL = primitives.NewFeature(schema.Request{
	Params: uploadURLParams(files.CertificateContentTypes()),
}, routes.GetCertificateUploadURL, tokensSetup)

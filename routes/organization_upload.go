package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// uploadURLErrors maps a storage that cannot sign to 500 (without data).
var uploadURLErrors = primitives.ErrorMap{
	{Kind: blocks.KindFileStorageService, Status: http.StatusInternalServerError},
}

// GetLogoUploadURL (GET /organizations/{organizationId}/logo-upload-url
// ?contentType&contentLength, system admins and owners) answers
// {objectId, url}: a signed URL to upload a new logo to. The client then
// saves {objectId, type} as the organization's logo. A missing
// organization is 404 (the reference never looked it up). The objectId is
// bound to this organization's logo (blocks.LogoOf): any system admin may
// save it, others only as this organization's logo.
var GetLogoUploadURL = primitives.Route{
	Name:   "getLogoUploadUrl",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/logo-upload-url",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema:  &schema.Request{Params: uploadURLParams(files.ImageContentTypes())},
	Handler: primitives.Handle(organizationUploadURL(blocks.LogoOf), terminators.JSON(http.StatusOK, uploadURLErrors)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

// GetCertificateUploadURL (GET /organizations/{organizationId}/
// certificate-upload-url?contentType&contentLength, system admins and
// owners) answers {objectId, url} for a new certificate, like
// GetLogoUploadURL. The objectId is bound to this organization's
// certificate (blocks.CertificateOf): accepted as its certificateImage and
// in its change requests, by any of its owners.
var GetCertificateUploadURL = primitives.Route{
	Name:   "getCertificateUploadUrl",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/certificate-upload-url",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema:  &schema.Request{Params: uploadURLParams(files.CertificateContentTypes())},
	Handler: primitives.Handle(organizationUploadURL(blocks.CertificateOf), terminators.JSON(http.StatusOK, uploadURLErrors)),
	Setup:   []*primitives.Setup{SetupOrganizations},
}

// uploadURLParams are an upload-URL route's parameters: the organization,
// a contentType among types, and an integer contentLength of at most
// files.MaxUploadSize (no minimum, as in the reference).
func uploadURLParams(types []string) []schema.Param {
	enum := make([]any, len(types))
	for i, t := range types {
		enum[i] = t
	}
	return []schema.Param{
		pathParam("organizationId"),
		{Name: "contentType", In: schema.Query, Required: true, Schema: schema.String().Enum(enum...)},
		{Name: "contentLength", In: schema.Query, Required: true, Schema: schema.Integer().Maximum(files.MaxUploadSize)},
	}
}

// organizationUploadURL signs an upload URL for a new object of the query's
// contentType and contentLength (checked by the schema: a listed type, an
// integer up to files.MaxUploadSize), once the organization is known, with
// an object id bound by binding to that organization.
func organizationUploadURL(binding func(organizationID string) blocks.FileBinding) func(r *primitives.Request) mo.Result[blocks.UploadURL] {
	return func(r *primitives.Request) mo.Result[blocks.UploadURL] {
		s := r.Service
		return primitives.Then(addressedOrganization(r), func(org *blocks.Organization) mo.Result[blocks.UploadURL] {
			return blocks.GenerateFileUploadURL(r.Context(), s.Files, fileIDs(r), binding(org.ID), r.QueryValue("contentType"), queryContentLength(r))
		})
	}
}

// queryContentLength reads contentLength the way the schema accepted it:
// JavaScript's Number(), so " 5", "+5", "2.0", "1e3" and "0x10" sign the
// length the schema checked.
func queryContentLength(r *primitives.Request) int64 {
	f, _ := schema.ToNumber(r.QueryValue("contentLength"))
	return int64(f)
}

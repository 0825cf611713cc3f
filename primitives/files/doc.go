// Package files is Blockyard's file storage (organization logos and
// certificates, profile avatars), built on gocloud.dev/blob.
//
// Blocks depend on the Storage interface only. Following the reference's
// driver contract, the API never handles file bytes: an upload-URL route
// names a new object (NewObjectID, ObjectName) and returns a signed PUT URL
// bound to the declared content type and length; the client uploads
// straight to storage and later saves {objectId, type} on its document;
// reads turn that reference back into a short-lived signed GET URL
// (ObjectName again, then SignedDownloadURL) on every response.
//
// Two implementations:
//
//   - Bucket signs URLs of any gocloud.dev/blob provider (GCS, S3, Azure...).
//     The core registers only the file:// and mem:// drivers; a host app
//     blank-imports the cloud driver it uses (import _
//     "gocloud.dev/blob/gcsblob"). Providers differ in what a signed upload
//     URL can bind: see Bucket.
//   - Local stores files in a directory and serves its own signed URLs
//     through Local.Handler, which the host app mounts where the URLs
//     point. It binds content type and length as strictly as GCS does and
//     is the test double for other packages' tests (over t.TempDir()).
//
// Object ids are bearer names: whoever attaches one to a document gets
// download URLs of the object. ObjectIDs issues ids that stay UUID v4 in
// form but carry a MAC of what they were issued for (a purpose and a
// target document), so that a route can refuse an id issued for another
// document without a database lookup. NewObjectID is the unbound id of the
// reference.
//
// Naming follows the reference (Extension, ObjectName) and the
// upload-URL schemas take their enums from ImageContentTypes and
// CertificateContentTypes, with MaxUploadSize as contentLength maximum.
package files

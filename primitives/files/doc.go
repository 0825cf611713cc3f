// Package files is the contract of Blockyard's file storage (organization
// logos and certificates, profile avatars): the Storage interface, the
// naming of stored objects and the object ids routes hand out. It imports
// no storage SDK; the implementations on gocloud.dev/blob live in package
// blobstore, so a program that stores no files links none of them.
//
// # How files travel
//
// Blocks depend on the Storage interface only. Following the reference's
// driver contract, the API never handles file bytes: an upload-URL route
// names a new object (ObjectIDs or NewObjectID, then ObjectName) and
// returns a signed PUT URL bound to the declared content type and length;
// the client uploads straight to storage and later saves {objectId, type}
// on its document; reads turn that reference back into a short-lived
// signed GET URL (ObjectName again, then SignedDownloadURL) on every
// response.
//
// # Object ids
//
// Object ids are bearer names: whoever attaches one to a document gets
// download URLs of the object. ObjectIDs issues ids that stay UUID v4 in
// form but carry a MAC of what they were issued for (a purpose and a
// target document), so that a route can refuse an id issued for another
// document without a database lookup. NewObjectID is the unbound id of the
// reference.
//
// # Naming
//
// Naming follows the reference (Extension, ObjectName) and the
// upload-URL schemas take their enums from ImageContentTypes and
// CertificateContentTypes, with MaxUploadSize as contentLength maximum.
package files

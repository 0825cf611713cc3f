// Package files is the contract of Blockyard's file storage: the [Storage]
// interface blocks depend on, the naming of stored objects, and the object
// ids upload routes hand out. It imports no storage SDK; the
// implementations on gocloud.dev/blob live in package blobstore, so a
// program that stores no files links none of them.
//
// # How files travel
//
// The API never handles file bytes: they go straight between the client
// and the storage, through short-lived signed URLs, so a large upload
// costs the API process nothing. An upload-URL route names a new object
// ([ObjectIDs.Issue] or [NewObjectID], then [ObjectName]) and returns a
// signed PUT URL bound to the declared content type and length
// ([Storage.SignedUploadURL]); the client uploads to it and later saves
// {objectId, type} on its document; every read turns that reference back
// into a signed GET URL ([ObjectName] again, then
// [Storage.SignedDownloadURL]). Signed URLs are never stored.
//
// # Object ids
//
// Object ids are bearer names: whoever attaches one to a document gets
// download URLs of the object. [ObjectIDs] issues ids that stay UUID v4 in
// form but carry a MAC of what they were issued for (a [Purpose] and a
// target document), so that a route can refuse an id issued for another
// document without a database lookup ([ObjectIDs.Verify]). [NewObjectID]
// is a plain random id, bound to nothing.
//
// # Naming
//
// An object is named by its id and the extension of its content type
// ([Extension], [ObjectName]: "<id>.png"). Upload-URL schemas take their
// enums from [ImageContentTypes] and [CertificateContentTypes], with
// [MaxUploadSize] as the contentLength maximum.
package files

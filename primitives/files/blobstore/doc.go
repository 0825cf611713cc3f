// Package blobstore implements files.Storage on gocloud.dev/blob.
//
// # Two implementations
//
//   - Bucket signs URLs of any gocloud.dev/blob provider (GCS, S3, Azure...).
//     This package registers only the file:// and mem:// drivers; a host app
//     blank-imports the cloud driver it uses (import _
//     "gocloud.dev/blob/gcsblob"). Providers differ in what a signed upload
//     URL can bind: see Bucket.
//   - Local stores files in a directory and serves its own signed URLs
//     through Local.Handler, which the host app mounts where the URLs
//     point. It binds content type and length as strictly as GCS does and
//     is the test double for other packages' tests (over t.TempDir()).
//
// # Why a package of its own
//
// gocloud.dev/blob brings the cloud SDKs, gRPC, OpenTelemetry and
// protobuf with it. The interface (package files) and the core
// (package primitives) import none of that; only a program that opens a
// Bucket or a Local does.
package blobstore

// Package blobstore implements files.Storage on gocloud.dev/blob, for any
// blob provider or a local directory.
//
// # Two implementations
//
//   - [Bucket] signs URLs of any gocloud.dev/blob provider (GCS, S3,
//     Azure...). This package registers only the file:// and mem:// drivers;
//     a host app blank-imports the cloud driver it uses (import _
//     "gocloud.dev/blob/gcsblob") and calls [OpenBucket]. Providers differ
//     in what a signed upload URL can bind: see Bucket.
//   - [Local] stores files in a directory and serves its own signed URLs
//     through [Local.Handler], which the host app mounts where the URLs
//     point. It binds content type and length as strictly as GCS does, so
//     it suits development, single-machine deployments and tests (over
//     t.TempDir()).
//
// Local signs with the secret the host app gives it, Bucket with the
// provider's own signer; [Options] sets, for both, the expiry of signed
// URLs and the largest upload.
//
// # Why a package of its own
//
// gocloud.dev/blob brings the cloud SDKs, gRPC, OpenTelemetry and
// protobuf with it. The interface (package files) and the core (package
// primitives) import none of that; only a program that opens a Bucket or a
// Local does.
package blobstore

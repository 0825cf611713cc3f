// Package app is the zero-setup stack of a Blockyard host app: what a
// program's main needs around its routes to run on a laptop with nothing
// installed, and in production by setting a few environment variables.
//
//	func main() {
//		app.Main(app.Options{Name: "notes", Embedded: embedded.Open},
//			func(ctx context.Context, a *app.App) (http.Handler, error) {
//				return a.Service.Mount(ctx, features.Auth(), notes)
//			})
//	}
//
// # What it gives
//
// [Main] parses the flags and the environment ([ParseConfig]), logs text
// to a terminal and JSON elsewhere with secrets redacted ([NewLogger]),
// and calls [Run], which:
//
//   - connects to MONGODB_URI or, when it is unset, starts the embedded
//     database (FerretDB on SQLite) in DATA_DIR/db, locked to this process;
//   - loads the auth secrets from AUTH_ENC_SECRET and AUTH_SIGN_SECRET or,
//     when both are unset, generates them once into DATA_DIR/secrets
//     (mode 0600);
//   - stores uploaded files in BLOB_URL (a gocloud.dev/blob bucket) or in
//     DATA_DIR/files, served under /files/ by signed URLs;
//   - with -create-admin or -promote, makes an administrator and exits
//     ([CreateAdmin], [Promote]);
//   - otherwise builds the [App] (a ready [primitives.Service] with the
//     database, the files, the logger and the nodeblocks settings), calls
//     the program's [MountFunc], serves its handler under /api with
//     /healthz and /readyz beside it, and on SIGINT or SIGTERM stops
//     accepting connections, lets in-flight requests finish (25 s at
//     most), then closes the files and the database.
//
// # Configuration
//
// Flags win over their environment variables:
//
//	-addr ADDR            listen address (default :8080)
//	-data DATA_DIR        embedded database, local files, generated secrets (default ./data)
//	-create-admin e-mail  create the administrator (password: ADMIN_PASSWORD or prompted), then exit
//	-promote e-mail       promote an existing identity WITHOUT checking its password, then exit
//	MONGODB_URI           use this MongoDB instead of the embedded database
//	MONGODB_DB            database name (default Options.Database, else Options.Name)
//	BLOB_URL              gocloud.dev/blob bucket URL instead of local files
//	PUBLIC_URL            external base URL of this server, for local files' signed URLs
//	AUTH_ENC_SECRET, AUTH_SIGN_SECRET   token secrets (at least 18 characters each)
//	LOG_LEVEL             debug, info, warn or error (default info)
//	IDENTITY_TYPE_ADMIN, IDENTITY_TYPE_GUEST, IDENTITY_TYPE_REGULAR, ORG_ROLE_OWNER, ORG_ROLE_ADMIN, ORG_ROLE_MEMBER
//
// A program adds flags of its own with [Options.Flags].
//
// # The embedded database is opt-in
//
// Package app does not import FerretDB: it weighs tens of packages
// (SQLite compiled to Go among them) that a production binary, which uses
// MongoDB, should not carry. A program that wants the zero-setup database
// passes [github.com/blockyard/blockyard/app/embedded.Open] as [Options.Embedded]; one that does not
// gets an error at start when MONGODB_URI is unset. The choice is an
// explicit value rather than a package registering itself by a blank
// import: it shows at the call site, needs no init-time global state, and
// the compiler, not the order of imports, says whether a binary has it.
// TestNoEmbeddedDatabaseInApp checks with go list that package app does
// not depend on FerretDB.
//
// # Development only
//
// The embedded database scans whole collections for every query, and
// generated secrets differ per data directory: in production set
// MONGODB_URI, BLOB_URL or PUBLIC_URL, and the AUTH_* secrets.
package app

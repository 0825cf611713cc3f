// Package doccheck holds no code, only tests that keep the documentation
// of the module honest.
//
// # What it checks
//
//   - Every package of the module (commands aside) has a package comment
//     with at least one "# " section heading, in the style of net/http and
//     log/slog, so that `go doc` opens on an overview a newcomer can read.
//   - The import table of docs/architecture.md matches the code: each
//     package imports only the module packages its row allows, and every
//     package of the module has a row.
//
// The tests run `go list`, so they skip when the go command is missing.
package doccheck

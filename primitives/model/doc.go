// Package model derives a route's JSON schema from a Go struct, so that a
// model is written once: its json names, its validator/v10 validate tags,
// and default and doc tags give the schema that validates the request
// body (Body, PatchBody), the typed value the handler binds (Bind,
// BindPatch) and the schema of what a route answers (Derive with
// Options.Response).
package model

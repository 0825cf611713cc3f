// Package primitives is Blockyard's machinery: how blocks, validators,
// routes, terminators and features compose and mount on net/http.
//
// The model, from small to large:
//
//   - A block is a plain Go function with explicit, typed inputs that does
//     one thing and returns a mo.Result (github.com/samber/mo) instead of
//     panicking or writing HTTP. Blocks live in package blocks and in host
//     apps; they are tested alone.
//   - A pipeline composes blocks with Then, Map and Each: the first
//     error short-circuits the rest.
//   - A Validator guards a Route before its schema is checked
//     (authentication, permissions). Validators run in order; the first error is
//     the answer.
//   - A Route is a whole endpoint in one value: a method, a Go 1.22-style
//     path, validators, an optional request schema (package schema: the
//     reference's messages and coercion), a Handler built by Handle from a
//     pipeline and a Terminator, and the Setups it needs at Mount.
//   - A Terminator turns the final Result into a response; errors resolve
//     through the route's ErrorMap (error kind → status).
//   - A Feature is a named group of routes (Join), with setups and an
//     envelope of its own if it needs them.
//   - A Service holds the dependencies (database, configuration, file
//     storage, authenticator, logger, clock, id generator) and mounts
//     features and single routes as an http.Handler for any mux.
//
// Per request, the order is the reference's: route match (404 envelope when
// none), JSON body (400 malformed, 413 over 100 kB), validators, schema
// (400 "Validation Error"), handler. Errors use the reference's envelope
// {"error":{"message":"...","data":...}}.
//
// Values one validator loads (the verified token, the caller, the
// document a path names) are remembered per request through Key, so a request is
// authenticated once and each document is read once.
//
// See the package example for a custom block composed into a route.
package primitives

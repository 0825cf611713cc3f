// Package primitives is Blockyard's machinery: the pieces an HTTP backend is
// built from (blocks, validators, routes, terminators, features), how they
// compose, and how a Service mounts them on net/http. It knows no domain:
// the built-in one (package nodeblocks) and a host app's own plug in through
// the same public mechanism, [Setting].
//
// # Overview
//
// The model, from small to large:
//
//   - A block is a plain Go function with explicit, typed inputs that does
//     one thing and returns a mo.Result (github.com/samber/mo) instead of
//     panicking or writing HTTP. Blocks are tested alone, without a server.
//   - A pipeline composes blocks with [Then], [Map] and [Each]: the first
//     error short-circuits the rest. [Bind] turns the validated request
//     body into a Result, so it is the pipeline's first step like any block.
//   - A [Validator] guards a [Route] before its schema is checked
//     (authentication, permissions). Validators run in order; the first
//     error is the answer.
//   - A [Route] is a whole endpoint in one value: a method, a Go 1.22-style
//     path, validators, an optional request schema (package schema), a
//     [Handler] built by [Handle] from a pipeline and a [Terminator], and
//     the [Setup] values it needs at Mount.
//   - A [Terminator] turns the pipeline's outcome into a response; errors
//     resolve through the route's [ErrorMap] (error [Kind] → status).
//   - A [Feature] is a named group of routes ([Join]), with setups and an
//     [Envelope] of its own if it needs them.
//   - A [Service] holds the dependencies (database, configuration, file
//     storage, authenticator, logger, clock, id generator) and mounts
//     features and single routes as an http.Handler, the [Router], for any
//     mux under any prefix.
//
// The package example shows a block composed into a route and mounted.
//
// # Request flow
//
// [Router.ServeHTTP] handles each request in a fixed order:
//
//  1. match: the first mounted route whose method and path match (HEAD
//     matches GET); none is a 404 "Not Found";
//  2. a path wildcard that does not URL-decode is a 400;
//  3. body: parsed as Express's JSON parser does (application/json only,
//     other types read as {}), at most [MaxBodyBytes] (413), within
//     Config.BodyReadTimeout (408); malformed JSON is a 400, an unknown
//     charset or content encoding a 415;
//  4. validators, in order; the first error is the answer (401, 403, ...);
//  5. schema: path, query and body checked and the body coerced; failures
//     are a 400 "Validation Error" whose data lists the messages;
//  6. handler: the route's blocks, then its terminator, which writes the
//     success status and body, or resolves the error through the ErrorMap.
//
// Every answer, success or error, is shaped by the route's [Envelope]: its
// own, else its feature's, else [NodeblocksEnvelope], whose errors read
// {"error":{"message":"...","data":...}}. A panic in a block is a 500 in
// the route's envelope; a request that matches no route has none and gets
// a 404 in NodeblocksEnvelope.
// One log line per request records the route, status and duration, with
// secrets redacted (see [LogRequests], [RedactingHandler]).
//
// # Per-request memory
//
// Values one validator loads (the verified token, the caller, the document
// a path names) are remembered for the rest of the request through a [Key]:
// [Key.Once] and [Key.OnceFor] run a load at most once per request and
// share its Result, error included, with every later validator and block.
// A request is therefore authenticated once ([Authenticate]) and each
// document is read once, however many checks ask for it.
//
// # Errors
//
// Blocks and validators return errors as values, never HTTP. An [*Error]
// either carries its own status ([StatusError]: the same on every route)
// or only a [Kind] ([NewError]): then each route decides the status through
// its [ErrorMap], and a kind the map does not list is a 500. Kinds form a
// tree, so mapping a parent kind maps its whole family. Choose a Kind when
// the same failure means different statuses on different routes, and a
// status when it means one thing everywhere.
//
// # Configuration
//
// [Service.Config] holds the machinery's own options ([Config]). Everything
// a domain needs (collection names, secrets, permitted values) is the
// domain's: it declares a typed slot once with [NewSetting], a host app puts
// the domain's configuration value in [Service.Settings], and the domain's
// code reads it back with [Setting.Of]. [Service.Collection] hands out
// cached collection handles by name. Mount runs each distinct [Setup] (an
// index creation, an authenticator to install) once, however many mounted
// routes list it.
package primitives

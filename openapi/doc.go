// Package openapi describes a mounted Blockyard service as an OpenAPI 3.1
// document, serves it with an offline docs page, and checks answers
// against it.
//
// # The document
//
// [Build] reads a Router's route table (primitives.Router.Routes), once,
// at start-up: every route is an operation whose operationId is the
// route's Name, whose tag is its feature, whose summary and description
// come from Route.Doc (or the name in words), with its path and query
// parameters and its JSON body from the route's schema.Request, and its
// multipart/form-data body (a file upload the handler reads) from Route.Form. Its
// responses are:
//
//   - the success status of its terminator (terminators.JSON, with the
//     schema that primitives/model derives from the handler's type;
//     terminators.Empty, without a body), or "default" for a handler
//     that states nothing;
//   - every error status it can answer: 400 for its schema and its path
//     wildcards; 400, 408, 413 and 415 from the body reader on the methods
//     that read one; the refusals its validators state
//     (primitives.DescribeValidator); its error map's statuses; the status
//     errors its blocks return, listed in Route.Errors; and 500. A route
//     with a validator that states nothing (a plain func) also gets the
//     range 4XX: it may refuse with any client error. Each is
//     written in the route's envelope: the reference's
//     {"error":{"message","data"}} (the Error component), or what a
//     [DescribedEnvelope] says.
//
// Named response structs become components/schemas with readable names
// (Paged[…/blocks.Member] is PagedMember). Routes whose validators
// authenticate get the security schemes of [Options] (a bearer token by
// default). [Document.OpenAPI30] renders the same operations as OpenAPI
// 3.0.3 for tools that do not read 3.1.
//
// # Serving
//
// [New] builds the document and a [Docs], an http.Handler that answers
// GET /openapi.json (3.1), /openapi-3.0.json and /docs, an interactive
// page (Swagger UI, vendored in the module and embedded: it works with no
// network) that lists and tries the operations. Everything is rendered
// and compressed once; the page runs under [ContentSecurityPolicy], which
// lets it reach nothing but its own server. [Docs.Wrap] serves them next
// to the API under one prefix; [Docs.Document31], [Docs.Document30] and
// [Docs.Page] mount each elsewhere, or not at all.
//
//	api, _ := svc.Mount(ctx, features.Auth(), features.Organizations())
//	docs, _ := openapi.New(api.Routes(), openapi.Options{Servers: []openapi.Server{{URL: "/api"}}})
//	mux.Handle("/api/", http.StripPrefix("/api", docs.Wrap(api)))
//
// # Keeping it true
//
// [Checker] checks one answer against the document: the operation must
// list its status, and the body must match the documented schema.
// primitives/blockyardtest runs every answer of a test suite through one,
// so the suite proves the document. [Compare] walks a route table and a
// document together and lists every route, status or parameter one has
// and the other lacks.
package openapi

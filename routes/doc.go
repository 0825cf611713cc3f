// Package routes holds the endpoints of Blockyard's built-in domain
// (authentication, identities, organizations, profiles): one exported
// primitives.Route per endpoint.
//
// # One value per endpoint
//
// Each Route value is the whole endpoint on one screen: method and path,
// the validators in the order they run, the request schema, the handler
// (the blocks it runs, its success status and the error map that turns
// block errors into statuses) and the setups it needs at Mount (indexes,
// the token authenticator). The doc comment of each route says who may
// call it and what it answers besides the common answers: 404 when no
// route matches, the validators' 401 and 403, and 400 "Validation Error"
// with the schema's messages when its schema refuses the request.
//
// # Mounting
//
// A route mounts alone, next to a host app's own routes, or in one of the
// bundles of package features:
//
//	h, err := svc.Mount(ctx, routes.Login, routes.GetOrganization)
//
// A host app that wants an endpoint changed copies the value and sets a
// field (another Path, a wider Schema, an Envelope); the original stays
// untouched.
//
// # Setups
//
// Routes share setups ([SetupAuth], [SetupOrganizations],
// [SetupChangeRequests], [SetupProfiles]): Mount runs each once, however
// many mounted routes list it. The setups create the indexes the routes'
// queries rely on, install blocks.TokenAuthenticator when the service has
// no authenticator, and refuse token secrets that could not work
// ([ErrAuthSecrets]).
package routes

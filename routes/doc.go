// Package routes holds Blockyard's endpoints: one exported primitives.Route
// per endpoint, and each Route value is the whole endpoint on one screen:
// method and path, the validators in the order they run, the request
// schema, the handler (the blocks it runs, its success status and the
// error map that turns block errors into statuses) and the setups it needs
// at Mount (indexes, the token authenticator).
//
// Every route answers 404 when its path matches no route, 400 "Validation
// Error" with the schema's messages when its schema refuses the request
// (after its validators), and the validators' 401 and 403; its doc comment
// says what else it answers.
//
// A route mounts alone, next to a host app's own routes, or in one of the
// bundles of package features:
//
//	h, err := svc.Mount(ctx, routes.Login, routes.GetOrganization)
//
// Routes share setups (SetupAuth, SetupOrganizations, SetupChangeRequests,
// SetupProfiles): Mount runs each once, however many mounted routes list
// it.
package routes

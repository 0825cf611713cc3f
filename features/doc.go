// Package features bundles the routes of package routes the way the
// reference's services do, so that a host app mounts a whole capability in
// one call: features.Auth(), features.Identities(), features.Organizations(),
// features.Profiles(). Each route carries its own schema and setup, so a
// bundle is only a named, ordered list of routes; a host app that wants
// fewer mounts the routes themselves (routes.Login, routes.GetOrganization).
//
//	svc := &primitives.Service{DB: db, Settings: []any{cfg}}
//	h, err := svc.Mount(ctx, features.Auth(), features.Identities())
package features

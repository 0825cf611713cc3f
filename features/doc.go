// Package features pairs each route of package routes with its request
// schema and the setup it needs (indexes), and bundles related features the
// way the reference's services do: features.Auth(), features.Identities().
//
//	svc := &primitives.Service{DB: db, Settings: []any{cfg}}
//	h, err := svc.Mount(ctx, features.Auth(), features.Identities())
package features

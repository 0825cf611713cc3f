// Package features bundles the routes of package routes into the
// capabilities a host app mounts in one call: [Auth], [Identities],
// [Organizations] and [Profiles].
//
// # Overview
//
// Each route carries its own schema and setup, so a feature is only a
// named, ordered primitives.Feature: the routes in the order they must
// match (where paths overlap, the first registered wins). A host app that
// wants fewer mounts the routes themselves (routes.Login,
// routes.GetOrganization), and one that wants more mounts its own features
// next to these; the same endpoint never has two names.
//
//	svc := &primitives.Service{DB: db, Settings: []any{nodeblocks.Config{AuthSecrets: secrets}}}
//	h, err := svc.Mount(ctx, features.Auth(), features.Identities())
//
// The features answer in the default envelope, primitives.NodeblocksEnvelope.
//
// # Seeding
//
// The API cannot create the first administrator; [EnsureAdmin] does, from
// a program or a test.
package features

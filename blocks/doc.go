// Package blocks holds the blocks of Blockyard's built-in domain
// (identities and tokens, organizations and their members, profiles): the
// steps routes compose into handlers.
//
// # What a block is
//
// A block is a plain function with explicit inputs and no HTTP. It takes a
// context, the collections and values it needs (a *mongo.Collection, the
// clock's time, an id generator, the domain's configured role values) and
// returns a mo.Result (github.com/samber/mo). Because every input is a
// parameter, a block is tested alone against a real database, and a host
// app reuses it in its own routes:
//
//	res := blocks.GetOrganizationByID(ctx, nodeblocks.Organizations(svc), id)
//
// Blocks compose with primitives.Then, Map and Each; the first error
// short-circuits the rest.
//
// # Errors
//
// A block's errors are *primitives.Error values. Most carry only a kind
// (errors_auth.go, errors_organization.go, errors_profile.go declare them,
// as a tree: [KindOrganizationBlock] is the parent of every organization
// error), and the calling route's ErrorMap decides their status; a few
// carry their own status because they mean the same on every route
// ([ErrOrganizationNotFound] is always a 404).
//
// # Writes under concurrency
//
// Writes whose single winner matters (member changes, follows, login
// attempts) are guarded updates, retried when they lose a race and
// serialized per document within the process (internal/keylock), so they
// stay correct on FerretDB as on MongoDB; see docs/mongo-portable.md.
//
// # Indexes
//
// The Ensure*Indexes functions ([EnsureOrganizationIndexes],
// [EnsureIdentityIndexes], ...) create, idempotently, the indexes the
// blocks' queries rely on, unique ones included. Package routes runs them
// in its Setups at Mount.
package blocks

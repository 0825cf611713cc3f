// Package validators holds the checks that guard the built-in domain's
// routes, and a host app's, before their schema is validated and their
// handler runs: authentication, identity types, organization roles,
// ownership, and the combinators [All] and [Some].
//
// # What a validator is
//
// A validator is a primitives.Validator, a func(*primitives.Request) error:
// it returns nil to let the request through or the error the client
// receives (401, 403, 404...). A route lists its validators in the order
// they run; the first error is the answer, and the schema and handler do
// not run. Validators run before the schema, so an unauthenticated caller
// gets a 401, not the schema's messages about the request it sent.
//
//	Validators: []primitives.Validator{
//		validators.IsAuthenticated,
//		validators.Some(validators.CheckIdentityType(validators.TypeAdmin), validators.IsSelf(validators.PathValue("identityId"))),
//	}
//
// # Reading the request
//
// Validators that check a document name where its id comes from with a
// [Source] ([PathValue], [BodyField], [QueryValue]): a typed accessor, not
// a string path into a payload.
//
// # Sharing what they load
//
// What a validator loads is remembered for the rest of the request through
// primitives.Key: [Authenticate] verifies the token once, [Caller] reads
// the caller's identity once, [Organization] and [Profile] read the
// addressed document once per id. A handler reads the same values through
// the same functions, so a request authenticated by three validators
// decrypts its token once and a document checked by two validators is
// fetched once.
//
// # Names, not stored values
//
// Identity types and roles are named by key ([TypeAdmin], blocks.RoleOwner);
// the service's nodeblocks.Config maps them to the values the database
// stores.
package validators

// Package validators holds the checks that guard routes before their
// schema is validated and their handler runs: authentication, identity
// types, organization roles, and the combinators All and Some.
//
// A validator is a primitives.Validator: it returns nil to let the request
// through or the error the client receives. Validators read what they need
// through typed accessors (path values, body fields) and share what they
// load through primitives.Key, so a request is authenticated once and an
// organization is fetched once, however many validators ask.
//
//	Validators: []primitives.Validator{
//		validators.IsAuthenticated,
//		validators.Some(validators.CheckIdentityType("admin"), validators.IsSelf(validators.PathValue("identityId"))),
//	}
package validators

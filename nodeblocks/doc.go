// Package nodeblocks is the configuration of Blockyard's built-in domain:
// identities and their tokens, organizations and their members, profiles.
// The domain serves the API of the Nodeblocks backend SDK (a Node library),
// so that a Go service can share a database and tokens with a Node one.
//
// # A domain like any other
//
// The machinery in package primitives knows nothing of this domain. The
// domain declares its configuration slot, [Settings], with
// primitives.NewSetting, exactly as a host app declares one for its own
// domain; its blocks, validators and routes read the configuration of the
// service handling a request with Settings.Of(r.Service) and reach its
// collections through the accessors of this package ([Organizations],
// [Identities], ...), which cost a map lookup per call. Nothing here
// imports blocks or routes: those packages import this one.
//
// # Configuring a service
//
// A host app puts a [Config] in the service's Settings; fields left zero
// take the defaults documented on each field ([Config.Defaults]):
//
//	svc := &primitives.Service{
//		DB:    db,
//		Files: store,
//		Settings: []any{nodeblocks.Config{
//			AuthSecrets: nodeblocks.AuthSecrets{Enc: encSecret, Sign: signSecret},
//			AuthMode:    nodeblocks.AuthCookie,
//		}},
//	}
//	h, err := svc.Mount(ctx, features.Auth(), features.Organizations())
//
// A service without a Config runs with the defaults, which cannot sign
// tokens: the routes that issue or verify tokens refuse to mount without
// AuthSecrets (routes.ErrAuthSecrets). A Config they cannot run with (an
// AuthMode or a cookie SameSite they do not know, a negative lifetime) is
// refused at Mount too, with a [ConfigError] naming the field
// ([Config.Validate]).
//
// # Stored values and names
//
// Identities store a type id ([IdentityTypes]) and members a role value
// ([OrganizationRoles]); code names them by key ("admin", "owner") and the
// configuration turns a key into the stored value ([IdentityTypes.ID],
// [OrganizationRoles.Value]), so a deployment whose Node service stores
// other values configures them here. [Collections] names the collections
// the same way.
package nodeblocks

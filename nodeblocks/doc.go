// Package nodeblocks is the configuration of Blockyard's built-in domain:
// identities and their tokens, organizations and their members, profiles.
// The domain reproduces the API of the Nodeblocks backend SDK, so a Go
// service can share a database and tokens with a Node one.
//
// The machinery in package primitives knows nothing of this domain. The
// domain declares its configuration slot, [Settings], with
// primitives.NewSetting, exactly as a host app declares one for its own
// domain; its blocks, validators and routes read the configuration of the
// service handling a request with Settings.Of(r.Service) and reach its
// collections through the accessors of this package ([Organizations],
// [Identities], ...).
//
// # Configuring a service
//
// A host app puts a [Config] in the service's Settings; fields left zero
// take the defaults documented on each field:
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
// tokens: the features that issue or verify tokens refuse to mount without
// AuthSecrets.
package nodeblocks

package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/routes"
)

// Identities bundles the identity admin routes, like the reference's
// identitiesService: list, get, update, delete, lock and unlock.
func Identities() primitives.Feature {
	return primitives.Join("identities",
		routes.ListIdentities,
		routes.GetIdentity,
		routes.UpdateIdentity,
		routes.DeleteIdentity,
		routes.LockIdentity,
		routes.UnlockIdentity,
	)
}

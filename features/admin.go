package features

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// EnsureAdmin creates the administrator with email and password, or
// promotes the identity that has the e-mail when password is its password
// (see blocks.EnsureAdmin), using the service's collections, admin type id,
// clock and id generator. It is how a program or a test seeds the first
// administrator: the API cannot create one. It works before or after
// Mount, and creates the unique e-mail index first, which is what makes
// concurrent calls create one administrator.
func EnsureAdmin(ctx context.Context, svc *primitives.Service, email, password string) (blocks.AdminResult, error) {
	identities := nodeblocks.Identities(svc)
	if err := blocks.EnsureIdentityIndexes(ctx, identities); err != nil {
		return blocks.AdminResult{}, err
	}
	spec := blocks.AdminSpec{Email: email, Password: password, AdminTypeID: nodeblocks.Settings.Of(svc).IdentityTypes.Admin}
	return blocks.EnsureAdmin(ctx, identities, spec, svc.Now(), svc.ID).Get()
}

package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// identityIDParam is the {identityId} path parameter.
var identityIDParam = schema.Param{Name: "identityId", In: schema.Path, Schema: schema.String()}

// ListIdentities validates ?page and ?limit (integers, limit at most 50)
// before routes.ListIdentities.
var ListIdentities = primitives.NewFeature(schema.Request{
	Params: []schema.Param{
		{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1)},
		{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
	},
}, routes.ListIdentities, SetupAuth)

// GetIdentity validates the path before routes.GetIdentity.
var GetIdentity = primitives.NewFeature(schema.Request{Params: []schema.Param{identityIDParam}}, routes.GetIdentity, SetupAuth)

// UpdateIdentity validates {email?, emailVerified?, typeId?} before
// routes.UpdateIdentity.
var UpdateIdentity = primitives.NewFeature(schema.Request{
	Params: []schema.Param{identityIDParam},
	Body: schema.Object(
		schema.Prop("email", schema.String()),
		schema.Prop("emailVerified", schema.Boolean()),
		schema.Prop("typeId", schema.String()),
	),
}, routes.UpdateIdentity, SetupAuth)

// DeleteIdentity validates the path before routes.DeleteIdentity.
var DeleteIdentity = primitives.NewFeature(schema.Request{Params: []schema.Param{identityIDParam}}, routes.DeleteIdentity, SetupAuth)

// LockIdentity validates the path before routes.LockIdentity.
var LockIdentity = primitives.NewFeature(schema.Request{Params: []schema.Param{identityIDParam}}, routes.LockIdentity, SetupAuth)

// UnlockIdentity validates the path before routes.UnlockIdentity.
var UnlockIdentity = primitives.NewFeature(schema.Request{Params: []schema.Param{identityIDParam}}, routes.UnlockIdentity, SetupAuth)

// Identities bundles the identity admin features, like the reference's
// identitiesService.
func Identities() primitives.Feature {
	f := primitives.Join("identities", ListIdentities, GetIdentity, UpdateIdentity, DeleteIdentity, LockIdentity, UnlockIdentity)
	f.Setup = []*primitives.Setup{SetupAuth}
	return f
}

package features

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// SetupProfiles prepares a service for the profile features: it creates,
// idempotently, the profiles indexes (unique id, followed organization
// ids) and the reference's tokens (see SetupAuth).
var SetupProfiles = primitives.NewSetup("profiles: tokens and indexes", setupProfiles)

func setupProfiles(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	return blocks.EnsureProfileIndexes(ctx, nodeblocks.Profiles(s))
}

// Path parameters of the profile features.
var (
	profileIDParam          = schema.Param{Name: "profileId", In: schema.Path, Schema: schema.String()}
	followOrganizationParam = schema.Param{Name: "followOrganizationId", In: schema.Path, Schema: schema.String()}
)

// CreateProfile validates {identityId, name, avatar?} (identityId: 1 to
// 128 characters, no control characters; name: at most 1,000 characters;
// avatar a file reference or null) before routes.CreateProfile.
var CreateProfile = primitives.NewFeature(schema.Request{
	Body: schema.Object(
		schema.Prop("avatar", schema.OneOf(uploadedFileSchema(), schema.Null())),
		schema.Prop("identityId", identityIDSchema()),
		schema.Prop("name", textSchema()),
	).Required("identityId", "name"),
}, routes.CreateProfile, SetupProfiles)

// GetProfile validates the path before routes.GetProfile.
var GetProfile = primitives.NewFeature(schema.Request{Params: []schema.Param{profileIDParam}}, routes.GetProfile, SetupProfiles)

// FollowOrganization validates the path before routes.FollowOrganization.
var FollowOrganization = primitives.NewFeature(schema.Request{
	Params: []schema.Param{profileIDParam, followOrganizationParam},
}, routes.FollowOrganization, SetupProfiles)

// UnfollowOrganization validates the path before
// routes.UnfollowOrganization.
var UnfollowOrganization = primitives.NewFeature(schema.Request{
	Params: []schema.Param{profileIDParam, followOrganizationParam},
}, routes.UnfollowOrganization, SetupProfiles)

// Profiles bundles the profile features organizations need: creating and
// reading a profile, and following and unfollowing organizations (which
// feeds GET /organizations/{organizationId}/followers).
func Profiles() primitives.Feature {
	f := primitives.Join("profiles", CreateProfile, GetProfile, FollowOrganization, UnfollowOrganization)
	f.Setup = []*primitives.Setup{SetupProfiles}
	return f
}

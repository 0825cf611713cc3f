package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/routes"
)

// Profiles bundles the profile routes organizations need: creating and
// reading a profile, and following and unfollowing organizations (which
// feeds GET /organizations/{organizationId}/followers).
func Profiles() primitives.Feature {
	return primitives.Join("profiles", routes.CreateProfile, routes.GetProfile, routes.FollowOrganization, routes.UnfollowOrganization)
}

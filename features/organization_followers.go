package features

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// ListFollowers validates ?page (1–1000) and ?limit (1–50) before
// routes.ListFollowers; the reference rejected both. Its setup is
// SetupProfiles: the list queries the profiles' followed organization ids.
var ListFollowers = primitives.NewFeature(schema.Request{
	Params: orgParams(true, organizationIDParam),
}, routes.ListFollowers, SetupProfiles)

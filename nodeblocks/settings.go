package nodeblocks

import (
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Settings is the built-in domain's slot in a service's configuration: a
// host app sets it with a Config in primitives.Service.Settings, and the
// domain's code reads it with Settings.Of(svc), defaults applied.
var Settings = primitives.NewSetting("nodeblocks", Config.Defaults)

// Identities is the service's identities collection (Config.Collections).
func Identities(s *primitives.Service) *mongo.Collection {
	return s.Collection(Settings.Of(s).Collections.Identities)
}

// RefreshTokens is the service's refresh tokens collection.
func RefreshTokens(s *primitives.Service) *mongo.Collection {
	return s.Collection(Settings.Of(s).Collections.RefreshTokens)
}

// OneTimeTokens is the service's one-time tokens collection.
func OneTimeTokens(s *primitives.Service) *mongo.Collection {
	return s.Collection(Settings.Of(s).Collections.OneTimeTokens)
}

// Organizations is the service's organizations collection.
func Organizations(s *primitives.Service) *mongo.Collection {
	return s.Collection(Settings.Of(s).Collections.Organizations)
}

// OrganizationChangeRequests is the service's organization change requests
// collection.
func OrganizationChangeRequests(s *primitives.Service) *mongo.Collection {
	return s.Collection(Settings.Of(s).Collections.OrganizationChangeRequests)
}

// Profiles is the service's profiles collection.
func Profiles(s *primitives.Service) *mongo.Collection {
	return s.Collection(Settings.Of(s).Collections.Profiles)
}

package primitives

import "go.mongodb.org/mongo-driver/v2/mongo"

// Collections names the MongoDB collections; the zero value means the
// reference's names.
//
// Deprecated: being moved to the domain package's configuration.
type Collections struct {
	Identities, RefreshTokens, OneTimeTokens, Organizations,
	OrganizationChangeRequests, Profiles string
}

// Defaults returns c with empty names replaced by the reference's.
func (c Collections) Defaults() Collections {
	c.Identities = orString(c.Identities, "identities")
	c.RefreshTokens = orString(c.RefreshTokens, "refreshtokens")
	c.OneTimeTokens = orString(c.OneTimeTokens, "onetimetokens")
	c.Organizations = orString(c.Organizations, "organizations")
	c.OrganizationChangeRequests = orString(c.OrganizationChangeRequests, "organizationChangeRequests")
	c.Profiles = orString(c.Profiles, "profiles")
	return c
}

// Identities is the identities collection.
func (s *Service) Identities() *mongo.Collection {
	return s.Collection(s.Collections.Defaults().Identities)
}

// RefreshTokens is the refreshtokens collection.
func (s *Service) RefreshTokens() *mongo.Collection {
	return s.Collection(s.Collections.Defaults().RefreshTokens)
}

// OneTimeTokens is the onetimetokens collection.
func (s *Service) OneTimeTokens() *mongo.Collection {
	return s.Collection(s.Collections.Defaults().OneTimeTokens)
}

// Organizations is the organizations collection.
func (s *Service) Organizations() *mongo.Collection {
	return s.Collection(s.Collections.Defaults().Organizations)
}

// OrganizationChangeRequests is the organizationChangeRequests collection.
func (s *Service) OrganizationChangeRequests() *mongo.Collection {
	return s.Collection(s.Collections.Defaults().OrganizationChangeRequests)
}

// Profiles is the profiles collection.
func (s *Service) Profiles() *mongo.Collection {
	return s.Collection(s.Collections.Defaults().Profiles)
}

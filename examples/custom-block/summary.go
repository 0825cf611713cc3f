package main

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// OrganizationSummary is an organization with fields computed from its
// members and position, for a dashboard card.
type OrganizationSummary struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	MemberCount int            `json:"memberCount"`
	RoleCounts  map[string]int `json:"roleCounts"`
	// Depth is 0 for a root organization, 1 for its children, and so on.
	Depth int `json:"depth"`
}

// SummarizeOrganization is this app's own block. Like Blockyard's, it is a
// plain function of its inputs, so it composes with primitives.Map and
// tests without HTTP or a database.
func SummarizeOrganization(o *blocks.Organization) OrganizationSummary {
	s := OrganizationSummary{ID: o.ID, Name: o.Name, MemberCount: len(o.Members), RoleCounts: map[string]int{}, Depth: len(o.Ancestors)}
	for _, m := range o.Members {
		s.RoleCounts[m.Role]++
	}
	return s
}

// organizationID reads the route's {organizationId}.
var organizationID = validators.PathValue("organizationId")

// GetOrganizationSummary is GET /organizations/{organizationId}/summary,
// built the way Blockyard builds its own routes: the library's validators
// decide who may call it (system admins and the organization's direct
// members, like GET /organizations/{organizationId}), a library block
// loads the organization (shared with the validators, so it is read once)
// and the custom block computes the answer.
var GetOrganizationSummary = primitives.Route{
	Name:   "getOrganizationSummary",
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/summary",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		validators.Some(
			validators.CheckIdentityType(validators.TypeAdmin),
			validators.HasOrgRole(organizationID, blocks.RoleOwner, blocks.RoleAdmin, blocks.RoleMember),
		),
	},
	Schema: &schema.Request{
		Params: []schema.Param{{Name: "organizationId", In: schema.Path, Schema: schema.String()}},
	},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[OrganizationSummary] {
		return primitives.Map(validators.Organization(r, organizationID), SummarizeOrganization)
	}, terminators.JSON(http.StatusOK, nil)),
	Setup: []*primitives.Setup{routes.SetupOrganizations}, // the organizations' indexes
	// The status errors of the organization's lookup, for the API document.
	Errors: []*primitives.Error{blocks.ErrOrganizationNotFound, blocks.ErrGetOrganization},
}

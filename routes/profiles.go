package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// Sources of the profile routes' path values.
var (
	profileIDParam      = validators.PathValue("profileId")
	followOrgIDParam    = validators.PathValue("followOrganizationId")
	profileOwnerOrAdmin = orgAdminOr(validators.OwnsProfile(profileIDParam))
)

// profileErrors maps the profile lookups and writes of the profile routes.
var profileErrors = primitives.ErrorMap{
	{Kind: blocks.KindProfileNotFound, Status: http.StatusNotFound},
	{Kind: blocks.KindOrganizationAlreadyFollowed, Status: http.StatusConflict},
	{Kind: blocks.KindOrganizationFollowNotFound, Status: http.StatusNotFound},
	{Kind: blocks.KindProfileConflict, Status: http.StatusConflict},
	{Kind: blocks.KindProfileUnexpectedDB, Status: http.StatusInternalServerError},
}

// CreateProfile (POST /profiles {identityId, name, avatar?}, system admins
// and the identity itself) creates a profile for identityId (1 to 128
// characters, no control characters; name at most 1,000 characters;
// avatar a file reference or null) and answers 200 with it, its avatar as
// a download URL. An avatar must have been issued for that
// identity's avatars (blocks.AvatarOf), unless a system admin sets it (403
// otherwise, see attachFile).
var CreateProfile = primitives.Route{
	Name:   "createProfile",
	Method: http.MethodPost,
	Path:   "/profiles",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(validators.IsSelf(validators.BodyField("identityId"))),
	},
	Schema: &schema.Request{
		Body: schema.Object(
			schema.Prop("avatar", schema.OneOf(uploadedFileSchema(), schema.Null())),
			schema.Prop("identityId", identityIDSchema()),
			schema.Prop("name", textSchema()),
		).Required("identityId", "name"),
	},
	Handler: primitives.Handle(createProfile, terminators.JSON(http.StatusOK, nil)),
	Setup:   []*primitives.Setup{SetupProfiles},
}

func createProfile(r *primitives.Request) mo.Result[*blocks.Profile] {
	s := r.Service
	in, err := primitives.Bind[blocks.NewProfile](r).Get()
	if err != nil {
		return mo.Err[*blocks.Profile](err)
	}
	if err := attachFile(r, blocks.AvatarOf(in.IdentityID), nil, in.Avatar.File); err != nil {
		return mo.Err[*blocks.Profile](err)
	}
	p, err := blocks.CreateProfile(r.Context(), nodeblocks.Profiles(r.Service), in, s.Now(), s.ID).Get()
	if err != nil {
		return mo.Err[*blocks.Profile](err)
	}
	return blocks.NormalizeAvatarOfOwner(r.Context(), s.Files, p)
}

// GetProfile (GET /profiles/{profileId}, system admins and the profile's
// owner) answers 200 with the profile, its avatar as a download URL; 404
// "Profile not found".
var GetProfile = primitives.Route{
	Name:       "getProfile",
	Method:     http.MethodGet,
	Path:       "/profiles/{profileId}",
	Validators: []primitives.Validator{validators.IsAuthenticated, profileOwnerOrAdmin},
	Schema:     &schema.Request{Params: []schema.Param{pathParam("profileId")}},
	Handler:    primitives.Handle(getProfile, terminators.JSON(http.StatusOK, profileErrors)),
	Setup:      []*primitives.Setup{SetupProfiles},
}

func getProfile(r *primitives.Request) mo.Result[*blocks.Profile] {
	return primitives.Then(validators.Profile(r, profileIDParam), func(p *blocks.Profile) mo.Result[*blocks.Profile] {
		return blocks.NormalizeAvatarOfOwner(r.Context(), r.Service.Files, p)
	})
}

// FollowOrganization (PUT /profiles/{profileId}/organization-follows/
// {followOrganizationId}, system admins and the profile's owner) makes the
// profile follow an existing organization: 204, 404 for a missing profile
// or organization, 409 when it already follows it.
var FollowOrganization = primitives.Route{
	Name:       "createOrganizationFollow",
	Method:     http.MethodPut,
	Path:       "/profiles/{profileId}/organization-follows/{followOrganizationId}",
	Validators: []primitives.Validator{validators.IsAuthenticated, profileOwnerOrAdmin},
	Schema:     &schema.Request{Params: []schema.Param{pathParam("profileId"), pathParam("followOrganizationId")}},
	Handler:    primitives.Handle(followOrganization, terminators.Empty(http.StatusNoContent, profileErrors)),
	Setup:      []*primitives.Setup{SetupOrganizations, SetupProfiles},
}

func followOrganization(r *primitives.Request) mo.Result[blocks.OrganizationFollow] {
	return primitives.Then(profileAndFollowedOrganization(r), func(*blocks.Organization) mo.Result[blocks.OrganizationFollow] {
		return blocks.FollowOrganization(r.Context(), nodeblocks.Profiles(r.Service), profileIDParam(r), followOrgIDParam(r), r.Service.Now())
	})
}

// UnfollowOrganization (DELETE /profiles/{profileId}/organization-follows/
// {followOrganizationId}, system admins and the profile's owner) removes
// the follow: 204, 404 for a missing profile, organization or follow. As in
// the reference, a follow of a deleted organization cannot be removed.
var UnfollowOrganization = primitives.Route{
	Name:       "deleteOrganizationFollow",
	Method:     http.MethodDelete,
	Path:       "/profiles/{profileId}/organization-follows/{followOrganizationId}",
	Validators: []primitives.Validator{validators.IsAuthenticated, profileOwnerOrAdmin},
	Schema:     &schema.Request{Params: []schema.Param{pathParam("profileId"), pathParam("followOrganizationId")}},
	Handler:    primitives.Handle(unfollowOrganization, terminators.Empty(http.StatusNoContent, profileErrors)),
	Setup:      []*primitives.Setup{SetupOrganizations, SetupProfiles},
}

func unfollowOrganization(r *primitives.Request) mo.Result[*blocks.Profile] {
	return primitives.Then(profileAndFollowedOrganization(r), func(*blocks.Organization) mo.Result[*blocks.Profile] {
		return blocks.UnfollowOrganization(r.Context(), nodeblocks.Profiles(r.Service), profileIDParam(r), followOrgIDParam(r), r.Service.Now())
	})
}

// profileAndFollowedOrganization checks, in the reference's order, that
// the profile (as OwnsProfile loaded it, when it ran) and then the
// organization of the path exist.
func profileAndFollowedOrganization(r *primitives.Request) mo.Result[*blocks.Organization] {
	return primitives.Then(validators.Profile(r, profileIDParam), func(*blocks.Profile) mo.Result[*blocks.Organization] {
		return blocks.GetOrganizationByID(r.Context(), nodeblocks.Organizations(r.Service), followOrgIDParam(r))
	})
}

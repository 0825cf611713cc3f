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

// changeRequestErrors is the reference's error map of the change-request
// routes, less the token-check kinds: the author is the verified principal,
// so no token is checked here.
var changeRequestErrors = primitives.ErrorMap{
	{Kind: blocks.KindOrganizationBadRequest, Status: http.StatusBadRequest},
	{Kind: blocks.KindOrganizationDB, Status: http.StatusInternalServerError},
	{Kind: blocks.KindFileStorageService, Status: http.StatusInternalServerError},
	{Kind: blocks.KindOrganizationChangeRequest, Status: http.StatusInternalServerError},
}

// CreateChangeRequest (POST /organizations/{organizationId}/change-requests,
// system admins and owners) stores the proposed changes for review (a
// non-empty object of address lines, branchName, certificateImage,
// certifiedQualifications, name, postalCode, typeId; each text at most
// 1,000 characters), marks the organization waiting_for_review and answers
// 204; 404 "Organization not found". A proposed name must
// not be the name of another organization of the same owner (400). A
// proposed certificateImage must be the organization's current one or one
// issued by its certificate upload URL (403 otherwise, see attachFile).
var CreateChangeRequest = primitives.Route{
	Name:   "createChangeRequest",
	Errors: orgLookupErrors,
	Method: http.MethodPost,
	Path:   "/organizations/{organizationId}/change-requests",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema: &schema.Request{
		Params: []schema.Param{pathParam("organizationId")},
		Body: schema.Object(
			schema.Prop("addressLine1", textSchema()),
			schema.Prop("addressLine2", textSchema()),
			schema.Prop("addressLine3", textSchema()),
			schema.Prop("branchName", textSchema()),
			schema.Prop("certificateImage", uploadedFileSchema()),
			schema.Prop("certifiedQualifications", qualificationsSchema()),
			schema.Prop("name", schema.String().MinLength(1).MaxLength(maxTextLength)),
			schema.Prop("postalCode", textSchema()),
			schema.Prop("typeId", textSchema()),
		).MinProperties(1),
	},
	Handler: primitives.Handle(createChangeRequest, terminators.Empty(http.StatusNoContent, changeRequestErrors)),
	Setup:   []*primitives.Setup{SetupOrganizations, SetupChangeRequests},
}

// createChangeRequest checks the proposed name, stores the change request
// with the authenticated caller as author, then marks the organization
// waiting for review. The author is the principal the validators already
// verified (whatever Service.Auth is), not a second decoding of the token.
func createChangeRequest(r *primitives.Request) mo.Result[*blocks.Organization] {
	s := r.Service
	ctx := r.Context()
	org, err := addressedOrganization(r).Get()
	if err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	fields, err := primitives.Bind[blocks.ChangeRequestFields](r).Get()
	if err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	if err := attachFile(r, blocks.CertificateOf(org.ID), org.CertificateImage, fields.CertificateImage); err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	name := ""
	if fields.Name != nil {
		name = *fields.Name
	}
	if err := blocks.ValidateOrganizationName(ctx, nodeblocks.Organizations(r.Service), org, name, orgRoles(r).Owner).Error(); err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	author, err := validators.Caller(r).Get()
	if err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	if err := blocks.CreateChangeRequest(ctx, nodeblocks.OrganizationChangeRequests(r.Service), org.ID, author.ID, fields, s.Now(), s.ID()).Error(); err != nil {
		return mo.Err[*blocks.Organization](err)
	}
	return blocks.MarkWaitingForReview(ctx, nodeblocks.Organizations(r.Service), org.ID, s.Now())
}

// ListChangeRequests (GET /organizations/{organizationId}/change-requests
// ?page&limit, system admins and owners) answers a page of the
// organization's change requests with certificate download URLs. A missing
// organization is 404 (the reference answered an empty list).
var ListChangeRequests = primitives.Route{
	Name:   "listChangeRequests",
	Errors: orgLookupErrors,
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/change-requests",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Schema:  &schema.Request{Params: paged(pathParam("organizationId"))},
	Handler: primitives.Handle(listChangeRequests, terminators.JSON(http.StatusOK, changeRequestErrors)),
	Setup:   []*primitives.Setup{SetupOrganizations, SetupChangeRequests},
}

func listChangeRequests(r *primitives.Request) mo.Result[primitives.Paged[*blocks.ChangeRequest]] {
	ctx := r.Context()
	found := primitives.Then(addressedOrganization(r), func(org *blocks.Organization) mo.Result[primitives.Paged[*blocks.ChangeRequest]] {
		return blocks.FindChangeRequests(ctx, nodeblocks.OrganizationChangeRequests(r.Service), org.ID, primitives.PageFromQuery(r.Query()))
	})
	return primitives.MapPage(found, func(crs []*blocks.ChangeRequest) mo.Result[[]*blocks.ChangeRequest] {
		return blocks.NormalizeChangeRequests(ctx, r.Service.Files, crs)
	})
}

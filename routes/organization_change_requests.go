package routes

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// changeRequestErrors is the reference's error map of the change-request
// routes.
var changeRequestErrors = primitives.ErrorMap{
	{Kind: blocks.KindOrganizationBadRequest, Status: http.StatusBadRequest},
	{Kind: blocks.KindOrganizationDB, Status: http.StatusInternalServerError},
	{Kind: blocks.KindAuthBadRequest, Status: http.StatusBadRequest},
	{Kind: blocks.KindAuthUnauthorized, Status: http.StatusUnauthorized},
	{Kind: blocks.KindAuthInvalidToken, Status: http.StatusBadRequest},
	{Kind: blocks.KindAuthUnexpectedDB, Status: http.StatusInternalServerError},
	{Kind: blocks.KindFileStorageService, Status: http.StatusInternalServerError},
	{Kind: blocks.KindOrganizationChangeRequest, Status: http.StatusInternalServerError},
}

// changeRequestCollection is the service's organizationChangeRequests
// collection.
func changeRequestCollection(r *primitives.Request) *mongo.Collection {
	s := r.Service
	return s.Collection(s.Collections.OrganizationChangeRequests)
}

// CreateChangeRequest (POST /organizations/{organizationId}/change-requests,
// system admins and owners) stores the proposed changes for review, marks
// the organization waiting_for_review and answers 204. A proposed name must
// not be the name of another organization of the same owner (400).
var CreateChangeRequest = primitives.Route{
	Name:   "createChangeRequest",
	Method: http.MethodPost,
	Path:   "/organizations/{organizationId}/change-requests",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Handler: primitives.Handle(createChangeRequest, terminators.Empty[*blocks.Organization](http.StatusNoContent, changeRequestErrors)),
}

func createChangeRequest(r *primitives.Request) mo.Result[*blocks.Organization] {
	s := r.Service
	ctx := r.Context()
	return primitives.Then(addressedOrganization(r), func(org *blocks.Organization) mo.Result[*blocks.Organization] {
		return primitives.Then(bindBody[blocks.ChangeRequestFields](r), func(f blocks.ChangeRequestFields) mo.Result[*blocks.Organization] {
			name := ""
			if f.Name != nil {
				name = *f.Name
			}
			checked := blocks.ValidateOrganizationName(ctx, orgCollection(r), org, name, orgRoles(r).Owner)
			author := primitives.Then(checked, func(*blocks.Organization) mo.Result[string] { return changeRequestAuthor(r) })
			created := primitives.Then(author, func(identityID string) mo.Result[*blocks.ChangeRequest] {
				return blocks.CreateChangeRequest(ctx, changeRequestCollection(r), org.ID, identityID, f, s.Now(), s.ID())
			})
			return primitives.Then(created, func(*blocks.ChangeRequest) mo.Result[*blocks.Organization] {
				return blocks.MarkWaitingForReview(ctx, orgCollection(r), org.ID, s.Now())
			})
		})
	})
}

// changeRequestAuthor is the identity of the request's access token (the
// accessToken cookie in cookie mode, the Authorization header otherwise),
// checked with the service's IP setting.
func changeRequestAuthor(r *primitives.Request) mo.Result[string] {
	s := r.Service
	raw := mo.Ok(blocks.CookieValue(r.HTTP, blocks.AccessTokenCookie))
	if s.Config.AuthMode != primitives.AuthCookie {
		raw = blocks.ExtractTokenFromAuthorizationHeader(r.HTTP.Header.Get("Authorization"))
	}
	return primitives.Then(raw, func(tok string) mo.Result[string] {
		return blocks.ChangeRequestAuthor(r.Context(), s.Collection(s.Collections.OneTimeTokens), blocks.CodecFor(s.Config.AuthSecrets),
			blocks.RequestOrigin(r.HTTP), tok, !s.Config.IgnoreIP, s.Now())
	})
}

// ListChangeRequests (GET /organizations/{organizationId}/change-requests
// ?page&limit, system admins and owners) answers a page of the
// organization's change requests with certificate download URLs. A missing
// organization is 404 (the reference answered an empty list).
var ListChangeRequests = primitives.Route{
	Name:   "listChangeRequests",
	Method: http.MethodGet,
	Path:   "/organizations/{organizationId}/change-requests",
	Validators: []primitives.Validator{
		validators.IsAuthenticated,
		orgAdminOr(orgRole(blocks.RoleOwner)),
	},
	Handler: primitives.Handle(listChangeRequests, terminators.JSON[primitives.Paged[*blocks.ChangeRequest]](http.StatusOK, changeRequestErrors)),
}

func listChangeRequests(r *primitives.Request) mo.Result[primitives.Paged[*blocks.ChangeRequest]] {
	ctx := r.Context()
	found := primitives.Then(addressedOrganization(r), func(org *blocks.Organization) mo.Result[primitives.Paged[*blocks.ChangeRequest]] {
		return blocks.FindChangeRequests(ctx, changeRequestCollection(r), org.ID, primitives.PageFromQuery(r.Query()))
	})
	return primitives.Then(found, func(p primitives.Paged[*blocks.ChangeRequest]) mo.Result[primitives.Paged[*blocks.ChangeRequest]] {
		return primitives.Map(blocks.NormalizeChangeRequests(ctx, r.Service.Files, p.Data), func(d []*blocks.ChangeRequest) primitives.Paged[*blocks.ChangeRequest] {
			p.Data = d
			return p
		})
	})
}

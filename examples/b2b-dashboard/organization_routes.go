package main

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/store"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// ListOrganizations is GET /organizations: every organization's summary
// (a bare array), or a page of them with ?page= and ?limit=.
var ListOrganizations = primitives.Route{
	Name:       "listOrganizations",
	Method:     http.MethodGet,
	Path:       "/organizations",
	Validators: adminsOnly,
	Schema:     &schema.Request{Params: pageParams, Mode: schema.Strict},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[List[OrganizationSummary]] {
		return organizationsPage(r.Context(), organizations(r.Service), pageOf(r))
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{tooMany})),
	Setup: setup,
}

// GetOrganization is GET /organizations/{id}: the organization with its
// users.
var GetOrganization = primitives.Route{
	Name:       "getOrganization",
	Method:     http.MethodGet,
	Path:       "/organizations/{id}",
	Validators: adminsOnly,
	Schema:     &schema.Request{Params: []schema.Param{idParam}, Mode: schema.Strict},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[OrganizationWithUsers] {
		return primitives.Then(store.FindByID[Organization](r.Context(), organizations(r.Service), r.PathValue("id")), func(o Organization) mo.Result[OrganizationWithUsers] {
			return primitives.Map(usersOf(r.Context(), users(r.Service), o.ID, nil), func(us List[User]) OrganizationWithUsers {
				return OrganizationWithUsers{Organization: o, Users: us.Items}
			})
		})
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{orgNotFound, tooMany})),
	Setup: setup,
}

// CreateOrganization is POST /organizations.
var CreateOrganization = primitives.Route{
	Name:       "createOrganization",
	Method:     http.MethodPost,
	Path:       "/organizations",
	Validators: adminsOnly,
	Schema:     model.Body[OrganizationInput](),
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Organization] {
		return primitives.Then(model.Bind[OrganizationInput](r), func(in OrganizationInput) mo.Result[Organization] {
			return createOrganization(r.Context(), organizations(r.Service), in, r.Service.Now(), r.Service.ID)
		})
	}, terminators.JSON(http.StatusCreated, primitives.ErrorMap{duplicate, badSlug})),
	Setup: setup,
}

// UpdateOrganization is PUT /organizations/{id}: the fields sent change,
// the others stay (the original's update(req.body)).
var UpdateOrganization = primitives.Route{
	Name:       "updateOrganization",
	Method:     http.MethodPut,
	Path:       "/organizations/{id}",
	Validators: adminsOnly,
	Schema:     model.PatchBody[OrganizationInput](idParam),
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Organization] {
		return primitives.Then(model.BindPatch[OrganizationInput](r), func(p model.Patch[OrganizationInput]) mo.Result[Organization] {
			return updateOrganization(r.Context(), organizations(r.Service), r.PathValue("id"), p, r.Service.Now())
		})
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{orgNotFound, duplicate, badSlug})),
	Setup: setup,
}

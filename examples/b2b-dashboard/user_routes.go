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

// ListOrganizationUsers is GET /organizations/{id}/users: the
// organization's users (all, or a page); 404 when the organization does
// not exist (the original answered 440).
var ListOrganizationUsers = primitives.Route{
	Name:       "listOrganizationUsers",
	Method:     http.MethodGet,
	Path:       "/organizations/{id}/users",
	Validators: adminsOnly,
	Schema:     &schema.Request{Params: append([]schema.Param{idParam}, pageParams...), Mode: schema.Strict},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[List[User]] {
		return primitives.Then(store.FindByID[Organization](r.Context(), organizations(r.Service), r.PathValue("id")), func(o Organization) mo.Result[List[User]] {
			return usersOf(r.Context(), users(r.Service), o.ID, pageOf(r))
		})
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{orgNotFound, tooMany})),
	Setup: setup,
}

// CreateUser is POST /organizations/{id}/users.
var CreateUser = primitives.Route{
	Name:       "createUser",
	Method:     http.MethodPost,
	Path:       "/organizations/{id}/users",
	Validators: adminsOnly,
	Schema:     model.Body[UserInput](idParam),
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[User] {
		return primitives.Then(model.Bind[UserInput](r), func(in UserInput) mo.Result[User] {
			return primitives.Then(store.FindByID[Organization](r.Context(), organizations(r.Service), r.PathValue("id")), func(o Organization) mo.Result[User] {
				u := User{Name: in.Name, Role: in.Role, OrganizationID: o.ID}
				return store.Insert(r.Context(), users(r.Service), u, r.Service.Now(), r.Service.ID)
			})
		})
	}, terminators.JSON(http.StatusCreated, primitives.ErrorMap{orgNotFound})),
	Setup: setup,
}

// ListUsers is GET /users: every user (or a page) with its
// organization's name.
var ListUsers = primitives.Route{
	Name:       "listUsers",
	Method:     http.MethodGet,
	Path:       "/users",
	Validators: adminsOnly,
	Schema:     &schema.Request{Params: pageParams, Mode: schema.Strict},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[List[UserWithOrganization]] {
		return allUsers(r.Context(), users(r.Service), organizations(r.Service), pageOf(r))
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{tooMany})),
	Setup: setup,
}

// GetUser is GET /users/{id}: the user with its organization's name.
var GetUser = primitives.Route{
	Name:       "getUser",
	Method:     http.MethodGet,
	Path:       "/users/{id}",
	Validators: adminsOnly,
	Schema:     &schema.Request{Params: []schema.Param{idParam}, Mode: schema.Strict},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[UserWithOrganization] {
		return primitives.Then(store.FindByID[User](r.Context(), users(r.Service), r.PathValue("id")), func(u User) mo.Result[UserWithOrganization] {
			return primitives.Map(withOrganizations(r.Context(), organizations(r.Service), []User{u}), func(us []UserWithOrganization) UserWithOrganization { return us[0] })
		})
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{userNotFound, tooMany})),
	Setup: setup,
}

// UpdateUser is PUT /users/{id}: a new name or role. A user cannot be
// moved to another organization.
var UpdateUser = primitives.Route{
	Name:       "updateUser",
	Method:     http.MethodPut,
	Path:       "/users/{id}",
	Validators: adminsOnly,
	Schema:     model.PatchBody[UserInput](idParam),
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[User] {
		return primitives.Then(model.BindPatch[UserInput](r), func(p model.Patch[UserInput]) mo.Result[User] {
			return updateUser(r.Context(), users(r.Service), r.PathValue("id"), p, r.Service.Now())
		})
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{userNotFound})),
	Setup: setup,
}

// DeleteUser is DELETE /users/{id}.
var DeleteUser = primitives.Route{
	Name:       "deleteUser",
	Method:     http.MethodDelete,
	Path:       "/users/{id}",
	Validators: adminsOnly,
	Schema:     &schema.Request{Params: []schema.Param{idParam}, Mode: schema.Strict},
	Handler: primitives.Handle(func(r *primitives.Request) mo.Result[Message] {
		return deleteUser(r.Context(), users(r.Service), r.PathValue("id"))
	}, terminators.JSON(http.StatusOK, primitives.ErrorMap{userNotFound})),
	Setup: setup,
}

package main

import (
	"github.com/blockyard/blockyard/crud"
	"github.com/blockyard/blockyard/features"
	"github.com/blockyard/blockyard/primitives"
)

// Organization is the tenant table: every other resource points at one
// through organizationId.
type Organization struct {
	Name string `json:"name" validate:"required,min=1,max=200"`
}

// Campus is a site of an organization.
type Campus struct {
	Name    string `json:"name" validate:"required,min=1,max=200"`
	Address string `json:"address,omitempty" validate:"omitempty,max=500"`
}

// deleteOrganizationRoles may delete an organization, on top of
// DELETE_ORGANIZATIONS (the original system's rule).
var deleteOrganizationRoles = []string{"super_admin", "system_admin", "owner"}

// resources declares the example's resources: organizations (scoped by
// their own id, with their campuses and users), campuses (scoped by
// organizationId), and the roles and users that grant access.
func resources() (*crud.Resource[Organization], *crud.Resource[Campus], *crud.Resource[crud.Role], *crud.Resource[crud.User]) {
	campuses := &crud.Resource[Campus]{
		Name:       "campuses",
		ScopeField: "organizationId",
		Filters:    []crud.Filter{crud.Exact("id"), crud.Contains("name"), crud.Contains("address"), crud.Range("createdAtRange", "createdAt")},
		Sortable:   []string{"name", "createdAt"},
		CSV:        []string{"id", "name", "address"},
		Label:      "name",
	}
	users := crud.Users()
	organizations := &crud.Resource[Organization]{
		Name:      "organizations",
		ScopeSelf: true,
		Filters:   []crud.Filter{crud.Exact("id"), crud.Contains("name"), crud.Range("createdAtRange", "createdAt")},
		Sortable:  []string{"name", "createdAt"},
		CSV:       []string{"id", "name"},
		Label:     "name",
		Relations: []crud.Relation{crud.HasMany("campuses", campuses, "organizationId"), crud.HasMany("users", users, "organizationId")},
		NotFound:  "organizationsNotFound",
		Validators: map[crud.RouteName][]primitives.Validator{
			crud.RouteDelete:      {crud.RequireRole(deleteOrganizationRoles...)},
			crud.RouteDeleteByIDs: {crud.RequireRole(deleteOrganizationRoles...)},
		},
	}
	return organizations, campuses, crud.Roles(), users
}

// api is what the program serves under /api: authentication, identity
// administration and the four resources.
func api() []primitives.Mountable {
	orgs, campuses, roles, users := resources()
	return []primitives.Mountable{features.Auth(), features.Identities(), orgs.Feature(), campuses.Feature(), roles.Feature(), users.Feature()}
}

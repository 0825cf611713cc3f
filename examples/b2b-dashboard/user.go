package main

import "github.com/blockyard/blockyard/store"

// Roles of a user in an organization.
const (
	RoleAdmin       = "Admin"
	RoleCoordinator = "Co-ordinator"
)

// User is an organization's user (an administrator or a co-ordinator of
// the organization, not a Blockyard identity) as stored and answered.
type User struct {
	store.Record   `bson:",inline"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	OrganizationID string `json:"organizationId"`
}

// OrganizationName is what a user's answer tells of its organization.
type OrganizationName struct {
	Name string `json:"name"`
}

// UserWithOrganization is a user with its organization's name, as
// GET /users and GET /users/{id} answer it. Organization is null for a
// user whose organization no longer exists.
type UserWithOrganization struct {
	User
	Organization *OrganizationName `json:"organization"`
}

package main

import (
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Statuses of an organization.
const (
	StatusActive   = "Active"
	StatusInactive = "Inactive"
	StatusBlocked  = "Blocked"
)

// Organization is an organization as stored and answered. The optional
// contact details are pointers so that an unset one answers null, as the
// original's Sequelize rows did.
type Organization struct {
	store.Record     `bson:",inline"`
	Name             string  `json:"name"`
	Email            string  `json:"email"`
	Slug             string  `json:"slug"`
	Contact          *string `json:"contact"`
	PendingRequests  int     `json:"pendingRequests"`
	Status           string  `json:"status"`
	PrimaryAdminName *string `json:"primaryAdminName"`
	SupportEmail     *string `json:"supportEmail"`
	MaxCoordinators  *int    `json:"maxCoordinators"`
	Timezone         *string `json:"timezone"`
	Language         *string `json:"language"`
	Website          *string `json:"website"`
	PrimaryAdmin     *string `json:"primaryAdminEmail"`
	Phone            *string `json:"phone"`
	Region           *string `json:"region"`
	AltPhone         *string `json:"altPhone"`
}

// OrganizationSummary is a row of the organizations list: what the
// dashboard's table shows.
type OrganizationSummary struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	PendingRequests int    `json:"pendingRequests"`
	Status          string `json:"status"`
}

// OrganizationWithUsers is GET /organizations/{id}'s answer: the
// organization and its users, nested as the original nested them.
type OrganizationWithUsers struct {
	Organization
	Users []User `json:"users"`
}

// Collection names of the app. They are not the built-in organizations
// domain's, so the app can share a database with examples/server.
const (
	organizationsCollection = "b2bOrganizations"
	usersCollection         = "b2bUsers"
)

// organizations is the service's organizations collection.
func organizations(s *primitives.Service) *mongo.Collection {
	return s.Collection(organizationsCollection)
}

// users is the service's users collection.
func users(s *primitives.Service) *mongo.Collection { return s.Collection(usersCollection) }

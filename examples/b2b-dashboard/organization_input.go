package main

// OrganizationInput is what a client may send for an organization: the
// body of POST /organizations, and (every field optional) of
// PUT /organizations/{id}. The server's own fields (id, pendingRequests,
// createdAt, updatedAt) are not in it, so a body that sends them is
// refused by name: the original spread the whole body into the row.
type OrganizationInput struct {
	Name  string `json:"name" validate:"required,min=1,max=200" doc:"Display name; the slug is made from it."`
	Email string `json:"email" validate:"required,email,max=254"`
	// Slug, when sent, is used as is (and refused when taken); otherwise
	// it is made from the name, with a suffix when taken.
	Slug             *string `json:"slug,omitempty" validate:"omitempty,min=1,max=200" doc:"Lower-case URL name; made from the name when left out."`
	Contact          *string `json:"contact,omitempty" validate:"omitempty,max=1000"`
	Status           string  `json:"status,omitempty" validate:"oneof=Active Inactive Blocked" default:"Active"`
	PrimaryAdminName *string `json:"primaryAdminName,omitempty" validate:"omitempty,max=200"`
	SupportEmail     *string `json:"supportEmail,omitempty" validate:"omitempty,email,max=254"`
	MaxCoordinators  *int    `json:"maxCoordinators,omitempty" validate:"omitempty,min=0,max=100000"`
	Timezone         *string `json:"timezone,omitempty" validate:"omitempty,max=100"`
	Language         *string `json:"language,omitempty" validate:"omitempty,max=100"`
	Website          *string `json:"website,omitempty" validate:"omitempty,url,max=2000"`
	PrimaryAdmin     *string `json:"primaryAdminEmail,omitempty" validate:"omitempty,email,max=254"`
	Phone            *string `json:"phone,omitempty" validate:"omitempty,max=50"`
	Region           *string `json:"region,omitempty" validate:"omitempty,max=100"`
	AltPhone         *string `json:"altPhone,omitempty" validate:"omitempty,max=50"`
}

// organization is the organization whose client fields are in's: a new
// one, or the fields of an update.
func (in OrganizationInput) organization(slug string) Organization {
	return Organization{
		Name: in.Name, Email: in.Email, Slug: slug, Contact: in.Contact, Status: in.Status,
		PrimaryAdminName: in.PrimaryAdminName, SupportEmail: in.SupportEmail, MaxCoordinators: in.MaxCoordinators,
		Timezone: in.Timezone, Language: in.Language, Website: in.Website, PrimaryAdmin: in.PrimaryAdmin,
		Phone: in.Phone, Region: in.Region, AltPhone: in.AltPhone,
	}
}

// UserInput is what a client may send for a user: POST
// /organizations/{id}/users, and (every field optional) PUT /users/{id}.
// A user's organization comes from the path and never changes: the
// original let a PUT move a user to another organization.
type UserInput struct {
	Name string `json:"name" validate:"required,min=1,max=200"`
	Role string `json:"role" validate:"required,oneof=Admin Co-ordinator"`
}

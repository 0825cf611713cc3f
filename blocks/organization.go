package blocks

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Organization is a document of the organizations collection, shared with
// Node services running the reference. Fields come in the order the
// reference's create writes them (organization fields, then ancestors,
// members, parentId, createdAt, id, updatedAt), so responses list keys in
// the same order.
//
// Optional fields are pointers or zero-aware types so that a stored empty
// value ("" or []) is returned as stored and an absent one stays absent.
// Fields this type does not model (written by another service or a later
// SDK version) are kept in Extra and returned after the known ones, since
// the reference returns documents as stored minus _id.
type Organization struct {
	// MongoID is Mongo's _id; it is never returned.
	MongoID any `bson:"_id,omitempty" json:"-"`

	Name                    string         `bson:"name" json:"name"`
	Description             string         `bson:"description" json:"description"`
	ContactEmail            string         `bson:"contact_email" json:"contact_email"`
	ContactPhone            *string        `bson:"contact_phone,omitempty" json:"contact_phone,omitempty"`
	BranchName              *string        `bson:"branchName,omitempty" json:"branchName,omitempty"`
	TypeID                  *string        `bson:"typeId,omitempty" json:"typeId,omitempty"`
	Address                 *bson.D        `bson:"address,omitempty" json:"address,omitempty"`
	Logo                    OptionalFile   `bson:"logo,omitempty" json:"logo,omitzero"`
	CertificateImage        *File          `bson:"certificateImage,omitempty" json:"certificateImage,omitempty"`
	CertifiedQualifications Qualifications `bson:"certifiedQualifications,omitempty" json:"certifiedQualifications,omitzero"`
	AuditStatus             *string        `bson:"auditStatus,omitempty" json:"auditStatus,omitempty"`

	// Ancestors are the ids from the root down to the direct parent; [] for
	// a root. Fixed at creation.
	Ancestors []string `bson:"ancestors" json:"ancestors"`
	// Members are the direct members; the first entry of an identity wins.
	Members []Member `bson:"members" json:"members"`
	// ParentID is the direct parent's id, nil (null) for a root.
	ParentID  *string `bson:"parentId" json:"parentId"`
	CreatedAt string  `bson:"createdAt" json:"createdAt"`
	ID        string  `bson:"id" json:"id"`
	UpdatedAt string  `bson:"updatedAt" json:"updatedAt"`

	// CertificateImageURL is the signed download URL of CertificateImage,
	// set by NormalizeCertificateImage for responses; never stored.
	CertificateImageURL string `bson:"-" json:"certificateImageUrl,omitempty"`

	// Extra holds the stored fields this type does not model.
	Extra bson.M `bson:",inline" json:"-"`
}

// Member is one entry of an organization's members: an identity and its
// role value (one of nodeblocks.Config.OrganizationRoles). Fields a Node service
// stored on an entry are kept in Extra, written back when the members list
// is rewritten, and returned after the known ones.
type Member struct {
	IdentityID string `bson:"identityId" json:"identityId"`
	Role       string `bson:"role" json:"role"`

	// Extra holds the stored fields this type does not model.
	Extra bson.M `bson:",inline" json:"-"`
}

// String formats the member as {identityId role}, for logs and tests.
func (m Member) String() string { return "{" + m.IdentityID + " " + m.Role + "}" }

// UnmarshalBSON decodes a stored entry, leaving Extra nil when the entry
// has no unmodelled field, so that decoded members compare equal to
// Member{IdentityID, Role} values.
func (m *Member) UnmarshalBSON(data []byte) error {
	type plain Member
	var p plain
	if err := bson.Unmarshal(data, &p); err != nil {
		return err
	}
	if len(p.Extra) == 0 {
		p.Extra = nil
	}
	*m = Member(p)
	return nil
}

// MarshalJSON writes the member with its unmodelled fields after the known
// ones.
func (m Member) MarshalJSON() ([]byte, error) {
	type plain Member
	known, err := json.Marshal(plain(m))
	if err != nil {
		return nil, err
	}
	return appendExtraFields(known, m.Extra)
}

// File references an uploaded object: the id the upload URL was issued for
// and its MIME type. In responses ObjectID is replaced by a signed URL.
type File struct {
	ObjectID string `bson:"objectId,omitempty" json:"objectId,omitempty"`
	Type     string `bson:"type" json:"type"`
	// URL is the signed download URL; set for responses, never stored.
	URL string `bson:"-" json:"url,omitempty"`
}

// Qualification is one certified qualification of an organization.
type Qualification struct {
	Name   string `bson:"name" json:"name"`
	Status string `bson:"status" json:"status"`
	Value  string `bson:"value" json:"value"`
}

// Qualifications is a list of qualifications that tells absent (nil) from
// empty ([]), so a stored [] is returned as [].
type Qualifications []Qualification

// IsZero reports whether the list is absent; bson omitempty and json
// omitzero use it.
func (q Qualifications) IsZero() bool { return q == nil }

// MarshalJSON writes the organization with its unmodelled fields after the
// known ones (in key order, since a map has none).
func (o Organization) MarshalJSON() ([]byte, error) {
	type plain Organization
	known, err := json.Marshal(plain(o))
	if err != nil {
		return nil, err
	}
	return appendExtraFields(known, o.Extra)
}

// MemberRole returns the role of the first members entry of identityID, the
// reference's "direct role", and whether there is one (an empty role counts
// as none).
func (o *Organization) MemberRole(identityID string) (string, bool) {
	for _, m := range o.Members {
		if m.IdentityID == identityID {
			return m.Role, m.Role != ""
		}
	}
	return "", false
}

// IsMember reports whether identityID is a direct member.
func (o *Organization) IsMember(identityID string) bool {
	return slices.ContainsFunc(o.Members, func(m Member) bool { return m.IdentityID == identityID })
}

// GetOrganizationByID loads the organization with the given id: 404
// "Organization not found" when there is none, 500 "Failed to get
// organization" when the database fails (both status errors naming
// getOrganizationById, as validators serialize them into data.cause).
func GetOrganizationByID(ctx context.Context, orgs *mongo.Collection, id string) mo.Result[*Organization] {
	return findOneByID[Organization](ctx, orgs, id, ErrOrganizationNotFound, ErrGetOrganization)
}

package blocks

import (
	"go.mongodb.org/mongo-driver/v2/bson"
)

// OrganizationFields are the writable fields of an organization, as a
// create or update body carries them (already validated and coerced by the
// route's schema). Every field is optional so that an update sets exactly
// what the client sent, including empty strings and null logos.
type OrganizationFields struct {
	Name                    *string        `bson:"name,omitempty" json:"name,omitempty"`
	Description             *string        `bson:"description,omitempty" json:"description,omitempty"`
	ContactEmail            *string        `bson:"contact_email,omitempty" json:"contact_email,omitempty"`
	ContactPhone            *string        `bson:"contact_phone,omitempty" json:"contact_phone,omitempty"`
	BranchName              *string        `bson:"branchName,omitempty" json:"branchName,omitempty"`
	TypeID                  *string        `bson:"typeId,omitempty" json:"typeId,omitempty"`
	Address                 *bson.D        `bson:"address,omitempty" json:"address,omitempty"`
	Logo                    OptionalFile   `bson:"logo,omitempty" json:"logo,omitzero"`
	CertificateImage        *File          `bson:"certificateImage,omitempty" json:"certificateImage,omitempty"`
	CertifiedQualifications Qualifications `bson:"certifiedQualifications,omitempty" json:"certifiedQualifications,omitzero"`
	AuditStatus             *string        `bson:"auditStatus,omitempty" json:"auditStatus,omitempty"`
}

// document returns the fields that are set, in declaration order.
func (f OrganizationFields) document() (bson.D, error) {
	raw, err := bson.Marshal(f)
	if err != nil {
		return nil, err
	}
	var d bson.D
	err = bson.Unmarshal(raw, &d)
	return d, err
}

package blocks

import (
	"context"
	"encoding/json"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/lo"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Change request errors, with the reference's messages.
var (
	// ErrCreateChangeRequest: the change request could not be stored.
	ErrCreateChangeRequest = primitives.NewError(KindOrganizationChangeRequestDB, "Failed to create change request")
	// ErrListChangeRequests: listing change requests failed.
	ErrListChangeRequests = primitives.NewError(KindOrganizationChangeRequestDB, "Failed to list change requests")
)

// ChangeRequest is a document of the organizationChangeRequests collection:
// an owner's proposed changes to an organization, kept for an
// administrator to review. It is never applied automatically. Fields come
// in the reference's order (author, organization, the body's fields,
// createdAt, id, updatedAt).
type ChangeRequest struct {
	// MongoID is Mongo's _id; it is never returned.
	MongoID any `bson:"_id,omitempty" json:"-"`

	// IdentityID is the author, taken from the request's access token.
	IdentityID     string `bson:"identityId" json:"identityId"`
	OrganizationID string `bson:"organizationId" json:"organizationId"`

	ChangeRequestFields `bson:",inline"`

	CreatedAt string `bson:"createdAt" json:"createdAt"`
	// ID is the change request id (UUID v4).
	ID        string `bson:"id" json:"id"`
	UpdatedAt string `bson:"updatedAt" json:"updatedAt"`

	// CertificateImageURL is the signed download URL of CertificateImage,
	// set by NormalizeChangeRequests for responses; never stored.
	CertificateImageURL string `bson:"-" json:"certificateImageUrl,omitempty"`

	// Extra holds the stored fields this type does not model (written by a
	// Node service or a later SDK version); they are returned after the
	// known ones.
	Extra bson.M `bson:",inline" json:"-"`
}

// MarshalJSON writes the change request with its unmodelled fields after
// the known ones.
func (c ChangeRequest) MarshalJSON() ([]byte, error) {
	type plain ChangeRequest
	known, err := json.Marshal(plain(c))
	if err != nil {
		return nil, err
	}
	return appendExtraFields(known, c.Extra)
}

// ChangeRequestFields are the proposed changes, as the create body carries
// them (validated and coerced to strings by the route's schema); only the
// fields the client sent are stored.
type ChangeRequestFields struct {
	AddressLine1            *string        `bson:"addressLine1,omitempty" json:"addressLine1,omitempty"`
	AddressLine2            *string        `bson:"addressLine2,omitempty" json:"addressLine2,omitempty"`
	AddressLine3            *string        `bson:"addressLine3,omitempty" json:"addressLine3,omitempty"`
	BranchName              *string        `bson:"branchName,omitempty" json:"branchName,omitempty"`
	Name                    *string        `bson:"name,omitempty" json:"name,omitempty"`
	PostalCode              *string        `bson:"postalCode,omitempty" json:"postalCode,omitempty"`
	TypeID                  *string        `bson:"typeId,omitempty" json:"typeId,omitempty"`
	CertificateImage        *File          `bson:"certificateImage,omitempty" json:"certificateImage,omitempty"`
	CertifiedQualifications Qualifications `bson:"certifiedQualifications,omitempty" json:"certifiedQualifications,omitzero"`
}

// CreateChangeRequest stores a change request by identityID for the
// organization and returns it. It does not touch the organization: the
// route then marks it waiting for review.
func CreateChangeRequest(ctx context.Context, changeRequests *mongo.Collection, organizationID, identityID string, fields ChangeRequestFields, now time.Time, id string) mo.Result[*ChangeRequest] {
	ts := Timestamp(now)
	cr := &ChangeRequest{
		IdentityID:          identityID,
		OrganizationID:      organizationID,
		ChangeRequestFields: fields,
		CreatedAt:           ts,
		ID:                  id,
		UpdatedAt:           ts,
	}
	if _, err := changeRequests.InsertOne(ctx, cr); err != nil {
		return mo.Err[*ChangeRequest](ErrCreateChangeRequest.Wrap(err))
	}
	cr.MongoID = nil
	return mo.Ok(cr)
}

// MarkWaitingForReview sets the organization's auditStatus to
// waiting_for_review, whatever it was: a new change request
// always reopens the review.
func MarkWaitingForReview(ctx context.Context, orgs *mongo.Collection, organizationID string, now time.Time) mo.Result[*Organization] {
	return UpdateOrganization(ctx, orgs, organizationID, OrganizationFields{AuditStatus: lo.ToPtr(AuditWaitingForReview)}, now)
}

// FindChangeRequests returns one page of the organization's change
// requests, in natural order. It does not check that the organization
// exists.
func FindChangeRequests(ctx context.Context, changeRequests *mongo.Collection, organizationID string, page primitives.Page) mo.Result[primitives.Paged[*ChangeRequest]] {
	p, err := primitives.FindPage[*ChangeRequest](ctx, changeRequests, byOrganizationID(organizationID), page)
	if err != nil {
		return mo.Err[primitives.Paged[*ChangeRequest]](ErrListChangeRequests.Wrap(err))
	}
	return mo.Ok(p)
}

// NormalizeChangeRequests adds certificateImageUrl to every change request
// that has a certificate. A URL that cannot be signed is left out, without
// error, as in the reference: the list stays readable when storage hiccups.
func NormalizeChangeRequests(ctx context.Context, storage files.Storage, crs []*ChangeRequest) mo.Result[[]*ChangeRequest] {
	out := make([]*ChangeRequest, len(crs))
	for i, cr := range crs {
		out[i] = cr
		if cr.CertificateImage == nil {
			continue
		}
		if cert, err := signedFile(ctx, storage, cr.CertificateImage); err == nil {
			c := *cr
			c.CertificateImageURL = cert.URL
			out[i] = &c
		}
	}
	return mo.Ok(out)
}

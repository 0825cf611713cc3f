package blocks

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Update errors, with the reference's statuses.
var (
	ErrUpdateOrganization = primitives.StatusError(http.StatusInternalServerError, "Failed to update organization")
	// ErrInvalidAuditStatus: an admin may only approve or reject. Mapped to
	// 400 by the admin update route (the reference left it unmapped: 500).
	ErrInvalidAuditStatus = primitives.NewError(KindOrganizationBadRequest, "Invalid audit status")
)

// Audit statuses an organization goes through.
const (
	AuditWaitingForReview = "waiting_for_review"
	AuditApproved         = "approved"
	AuditRejected         = "rejected"
)

// ValidateAuditStatus accepts an absent status and the two an admin may
// set, approved and rejected.
func ValidateAuditStatus(status *string) mo.Result[*string] {
	if status == nil || *status == AuditApproved || *status == AuditRejected {
		return mo.Ok(status)
	}
	return mo.Err[*string](ErrInvalidAuditStatus)
}

// UpdateOrganization sets the given fields (and updatedAt) on the
// organization with id and returns the stored result, in one
// findOneAndUpdate (portable without projection or arrayFilters): 404
// "Organization not found" when there is none, 500 "Failed to update
// organization" when the write fails, 500 "Failed to get organization"
// when the stored result cannot be decoded. An empty update just bumps
// updatedAt.
func UpdateOrganization(ctx context.Context, orgs *mongo.Collection, id string, fields OrganizationFields, now time.Time) mo.Result[*Organization] {
	set, err := fields.document()
	if err != nil {
		return mo.Err[*Organization](ErrUpdateOrganization.Wrap(err))
	}
	set = append(set, bson.E{Key: "updatedAt", Value: Timestamp(now)})
	res := orgs.FindOneAndUpdate(ctx, byID(id), bson.D{bson.E{Key: "$set", Value: set}},
		options.FindOneAndUpdate().SetReturnDocument(options.After))
	switch err := res.Err(); {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[*Organization](ErrOrganizationNotFound)
	case err != nil:
		return mo.Err[*Organization](ErrUpdateOrganization.Wrap(err))
	}
	var org Organization
	if err := res.Decode(&org); err != nil {
		return mo.Err[*Organization](ErrGetOrganization.Wrap(err))
	}
	return mo.Ok(&org)
}

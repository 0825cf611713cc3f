package validators

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Errors of the organization validators, with the reference's messages.
var (
	errInvalidOrganizationID = primitives.StatusError(http.StatusBadRequest, "Invalid organization ID")
	errFetchOrganization     = primitives.StatusError(http.StatusForbidden, "Failed to fetch organization")
	errNotOrgMember          = primitives.StatusError(http.StatusForbidden, "Identity is not a member of the organization")
	errOrgRoleNotAllowed     = primitives.StatusError(http.StatusForbidden, "Identity is not authorized to access this organization")
	errCallerRoleUnknown     = primitives.StatusError(http.StatusInternalServerError, "Identity has unrecognized role in the organization. Check organization roles configuration.")
	errInvalidMembers        = primitives.StatusError(http.StatusBadRequest, "Missing or invalid members")
	errInsufficientRole      = primitives.StatusError(http.StatusForbidden, "Insufficient permission to assign one or more requested roles")
	errMissingTargetID       = primitives.StatusError(http.StatusBadRequest, "Missing identity ID in payload")
	errTargetNotMember       = primitives.StatusError(http.StatusForbidden, "Not authorized to perform this action on this member")
	errTargetRoleUnknown     = primitives.StatusError(http.StatusInternalServerError, "Organization member has unrecognized role. Check organization roles configuration.")
	errTargetOutranks        = primitives.StatusError(http.StatusForbidden, "Cannot perform this action on an identity with a higher role in the organization")
	errInvalidMember         = primitives.StatusError(http.StatusBadRequest, "Missing or invalid member")
)

// membershipErrors are callerMembership's refusals after the caller's.
var membershipErrors = []*primitives.Error{errInvalidOrganizationID, errFetchOrganization, errNotOrgMember}

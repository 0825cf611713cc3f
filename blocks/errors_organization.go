package blocks

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Organization error kinds mirror the reference's error classes, so that a
// route's ErrorMap can map a whole family at once (a parent kind matches its
// children, like instanceof). Errors of these kinds carry no status: the
// route decides, and an unmapped one is a 500 with "data": [].
var (
	// KindOrganizationBlock is the reference's OrganizationBlockError, the
	// parent of every organization block error.
	KindOrganizationBlock = primitives.NewKind("OrganizationBlockError", primitives.KindBlock)
	// KindOrganizationBadRequest is a client mistake detected by a block
	// (an invalid audit status, a duplicate name).
	KindOrganizationBadRequest = primitives.NewKind("OrganizationBadRequestError", KindOrganizationBlock)
	// KindOrganizationDB is a failed database operation on organizations.
	KindOrganizationDB = primitives.NewKind("OrganizationDbError", KindOrganizationBlock)
	// KindOrganizationNotFound is an organization that does not exist.
	KindOrganizationNotFound = primitives.NewKind("OrganizationNotFoundError", KindOrganizationBlock)
	// KindOrganizationMemberNotFound is an identity that is not a member.
	KindOrganizationMemberNotFound = primitives.NewKind("OrganizationMemberNotFoundError", KindOrganizationBlock)
	// KindOrganizationMemberRoleNotFound is an identity with no direct or
	// inherited role in an organization.
	KindOrganizationMemberRoleNotFound = primitives.NewKind("OrganizationMemberRoleNotFoundError", KindOrganizationBlock)
	// KindOrganizationInvalidQuery is an unusable query parameter (depth).
	KindOrganizationInvalidQuery = primitives.NewKind("OrganizationInvalidQueryError", KindOrganizationBlock)
	// KindOrganizationChangeRequest is the reference's
	// OrganizationChangeRequestError.
	KindOrganizationChangeRequest = primitives.NewKind("OrganizationChangeRequestError", KindOrganizationBlock)
	// KindOrganizationChangeRequestDB is a failed database operation on
	// change requests (OrganizationChangeRequestDbError).
	KindOrganizationChangeRequestDB = primitives.NewKind("OrganizationChangeRequestDbError", KindOrganizationChangeRequest)
	// KindFileStorageService is a failure of the file storage
	// (FileStorageServiceError): signing a URL or deleting a file.
	KindFileStorageService = primitives.NewKind("FileStorageServiceError", primitives.KindBlock)
)

// opGetOrganizationByID is the reference's functionName of the lookup, as
// it appears in serialized causes ("data.cause.functionName").
const opGetOrganizationByID = "getOrganizationById"

// Organization errors that carry their own status (the reference's
// NodeblocksError): they keep it on every route. Blocks return copies
// wrapping the driver error as the private cause.
var (
	// ErrOrganizationNotFound: no organization has the requested id.
	ErrOrganizationNotFound = primitives.StatusError(http.StatusNotFound, "Organization not found").WithOp(opGetOrganizationByID)
	// ErrGetOrganization: the lookup failed in the database.
	ErrGetOrganization = primitives.StatusError(http.StatusInternalServerError, "Failed to get organization").WithOp(opGetOrganizationByID)
)

package blocks

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Profile error kinds mirror the reference's profile error classes, so that
// a route's ErrorMap can map them family by family. They carry no status:
// the route decides, and an unmapped one is a 500 with "data": [].
var (
	// KindProfileBlock is the reference's ProfileBlockError, the parent of
	// every profile block error. Unmapped, it is the 500 "Failed to get
	// profile." of a failed lookup.
	KindProfileBlock = primitives.NewKind("ProfileBlockError", primitives.KindBlock)
	// KindProfileDB is a failed profile query (ProfileDbBlockError), e.g.
	// listing an organization's followers.
	KindProfileDB = primitives.NewKind("ProfileDbBlockError", KindProfileBlock)
	// KindProfileNotFound is a profile id that matches no document
	// (ProfileNotFoundBlockError).
	KindProfileNotFound = primitives.NewKind("ProfileNotFoundBlockError", KindProfileBlock)
	// KindOrganizationAlreadyFollowed is a follow of an organization the
	// profile already follows (OrganizationAlreadyFollowedBlockError).
	KindOrganizationAlreadyFollowed = primitives.NewKind("OrganizationAlreadyFollowedBlockError", KindProfileBlock)
	// KindOrganizationFollowNotFound is an unfollow of an organization the
	// profile does not follow (OrganizationFollowNotFoundBlockError).
	KindOrganizationFollowNotFound = primitives.NewKind("OrganizationFollowNotFoundBlockError", KindProfileBlock)
	// KindProfileUnexpectedDB is a failed profile write
	// (ProfileUnexpectedDBError).
	KindProfileUnexpectedDB = primitives.NewKind("ProfileUnexpectedDBError", KindProfileBlock)
	// KindProfileConflict is a guarded profile write that kept losing races
	// to concurrent writers; Blockyard's own kind (the reference has no
	// concurrency guard).
	KindProfileConflict = primitives.NewKind("ProfileConflictError", KindProfileBlock)
	// KindAvatarBlock is a failure to turn a stored avatar into a signed
	// URL (AvatarBlockError).
	KindAvatarBlock = primitives.NewKind("AvatarBlockError", primitives.KindBlock)
)

// Errors of the profile blocks, with the reference's messages.
var (
	// ErrProfileNotFound: no profile has the requested id.
	ErrProfileNotFound = primitives.NewError(KindProfileNotFound, "Profile not found")
	// ErrGetProfile: the profile lookup failed in the database.
	ErrGetProfile = primitives.NewError(KindProfileBlock, "Failed to get profile.")
	// ErrCreateProfile: the profile could not be inserted. It carries its
	// status, as the reference's createProfile handler does.
	ErrCreateProfile = primitives.StatusError(http.StatusInternalServerError, "Failed to create profile").WithOp("createProfile")
	// ErrFindProfiles: listing profiles failed in the database.
	ErrFindProfiles = primitives.NewError(KindProfileDB, "Failed to find profiles")
	// ErrOrganizationAlreadyFollowed: the profile already follows the
	// organization.
	ErrOrganizationAlreadyFollowed = primitives.NewError(KindOrganizationAlreadyFollowed, "Organization is already followed")
	// ErrCreateOrganizationFollow: storing a follow failed.
	ErrCreateOrganizationFollow = primitives.NewError(KindProfileUnexpectedDB, "Failed to create organization follow")
	// ErrOrganizationFollowNotFound: the profile does not follow the
	// organization.
	ErrOrganizationFollowNotFound = primitives.NewError(KindOrganizationFollowNotFound, "Organization follow not found")
	// ErrDeleteOrganizationFollow: removing a follow failed.
	ErrDeleteOrganizationFollow = primitives.NewError(KindProfileUnexpectedDB, "Failed to delete organization follow")
	// ErrProfileWriteConflict: a guarded profile write lost the race to
	// concurrent writers on every attempt.
	ErrProfileWriteConflict = primitives.NewError(KindProfileConflict, "Profile was modified concurrently, try again")
	// ErrNormalizeAvatar: a stored avatar could not be signed.
	ErrNormalizeAvatar = primitives.NewError(KindAvatarBlock, "Failed to normalize avatar.")
	// ErrNormalizeFile: a follower's avatar could not be signed
	// (FileStorageServiceError, unmapped on the followers route).
	ErrNormalizeFile = primitives.NewError(KindFileStorageService, "Failed to normalize file.")
)

package validators

import (
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// Errors of OwnsProfile, with the reference's (ownsResource) statuses and
// messages.
var (
	// ErrInvalidResourceID: the request names no profile.
	ErrInvalidResourceID = primitives.StatusError(http.StatusBadRequest, "Invalid resource ID")
	// ErrFetchResource: the profile lookup failed in the database; data
	// carries the cause.
	ErrFetchResource = primitives.StatusError(http.StatusForbidden, "Failed to fetch resource")
	// ErrInvalidOwnerID: the profile does not exist or has no owner.
	ErrInvalidOwnerID = primitives.StatusError(http.StatusForbidden, "Invalid owner ID")
	// ErrNotResourceOwner: the profile belongs to another identity.
	ErrNotResourceOwner = primitives.StatusError(http.StatusForbidden, "Identity is not the owner of the resource")
)

// OwnsProfile lets a request through when the profile whose id profileID
// reads belongs to the caller (the reference's ownsProfile), e.g.
// OwnsProfile(PathValue("profileId")). Errors in order: Caller's (401
// "Invalid token" for an app token), 400 "Invalid
// resource ID" when no id is given, 403 "Failed to fetch resource" when the
// lookup fails, 403 "Invalid owner ID" when the profile does not exist (as
// in the reference, which reads the owner of a missing document) or has no
// identityId, 403 "Identity is not the owner of the resource".
func OwnsProfile(profileID Source) primitives.Validator {
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		caller, err := Caller(r).Get()
		if err != nil {
			return err
		}
		id := profileID(r)
		if id == "" {
			return ErrInvalidResourceID
		}
		profile, err := Profile(r, profileID).Get()
		switch {
		case err != nil && primitives.AsError(err).Kind.Is(blocks.KindProfileNotFound):
			return ErrInvalidOwnerID
		case err != nil:
			return ErrFetchResource.Caused(err)
		case profile.IdentityID == "":
			return ErrInvalidOwnerID
		case profile.IdentityID != caller.ID:
			return ErrNotResourceOwner
		}
		return nil
	}, refusal(ErrInvalidResourceID, ErrInvalidOwnerID, ErrFetchResource, ErrNotResourceOwner))
}

// profileKey remembers the profile a request addresses, so OwnsProfile and
// the handler query it once between them.
var profileKey = primitives.NewKey[*blocks.Profile]("profile")

// Profile returns the profile whose id id reads from the request, loading
// it at most once per request and id: OwnsProfile and the handler share
// the lookup (and its error, "Profile not found" or "Failed to get
// profile."). Handlers that write re-read the stored document themselves.
func Profile(r *primitives.Request, id Source) mo.Result[*blocks.Profile] {
	return loadOnce(r, profileKey, id, nodeblocks.Profiles(r.Service), blocks.GetProfileByID)
}

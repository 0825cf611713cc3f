package validators

import (
	"fmt"
	"net/http"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// Errors of CheckIdentityType.
var (
	// ErrInvalidIdentityType: the caller has no typeId (freshly registered
	// identities have none).
	ErrInvalidIdentityType = primitives.StatusError(http.StatusForbidden, "Invalid identity type ID")
	// ErrIdentityTypeNotAllowed: the caller's typeId is none of the allowed.
	ErrIdentityTypeNotAllowed = primitives.StatusError(http.StatusForbidden, "Identity is not authorized to access this resource")
)

// Identity type names CheckIdentityType accepts; each maps to its typeId in
// nodeblocks.Config.IdentityTypes.
const (
	TypeAdmin   = "admin"
	TypeGuest   = "guest"
	TypeRegular = "regular"
)

// CheckIdentityType lets a request through when the caller's typeId is the
// configured id of one of types ("admin", "guest", "regular"), the
// reference's checkIdentityType. Errors in order: those of Caller (401/422;
// 403 "Failed to fetch identity" or 401 "This account is locked" for a
// user, like on every route that authenticates one; 401 "Invalid token"
// for an app), 403 "Invalid identity type ID" when the caller has no
// typeId, 403 "Identity is not authorized to access this resource"
// otherwise.
//
// It panics on an unknown type name: that is a programming error.
func CheckIdentityType(types ...string) primitives.Validator {
	for _, t := range types {
		switch t {
		case TypeAdmin, TypeGuest, TypeRegular:
		default:
			panic(fmt.Sprintf("validators.CheckIdentityType: unknown identity type %q", t))
		}
	}
	return primitives.DescribeValidator(func(r *primitives.Request) error {
		idn, err := Caller(r).Get()
		if err != nil {
			return err
		}
		got := idn.Type()
		if got == "" {
			return ErrInvalidIdentityType
		}
		ids := nodeblocks.Settings.Of(r.Service).IdentityTypes
		for _, t := range types {
			if got == ids.ID(t) {
				return nil
			}
		}
		return ErrIdentityTypeNotAllowed
	}, refusal(ErrInvalidIdentityType, ErrIdentityTypeNotAllowed))
}

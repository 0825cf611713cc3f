package blocks

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Authentication and identity error kinds mirror the reference's error
// classes, so a route's ErrorMap decides their status family by family (a
// parent kind matches its children, like instanceof). They carry no status
// of their own; an unmapped one becomes a 500 with "data": [].
var (
	// KindAuthentication is the reference's AuthenticationBlockError, the
	// parent of every authentication block error.
	KindAuthentication = primitives.NewKind("AuthenticationBlockError", primitives.KindBlock)
	// KindAuthBadRequest is a malformed request detected by a block
	// (AuthenticationBadRequestError): a missing or badly formed header.
	KindAuthBadRequest = primitives.NewKind("AuthenticationBadRequestError", KindAuthentication)
	// KindAuthInvalidToken is a token that cannot be used as presented
	// (AuthenticationInvalidTokenError): undecryptable, failing the
	// security check, or for another target.
	KindAuthInvalidToken = primitives.NewKind("AuthenticationInvalidTokenError", KindAuthentication)
	// KindAuthUnauthorized is a refused credential
	// (AuthenticationUnauthorizedError): wrong password, locked account,
	// revoked or reused refresh token.
	KindAuthUnauthorized = primitives.NewKind("AuthenticationUnauthorizedError", KindAuthentication)
	// KindAuthInvalidInput is input a block cannot work with
	// (AuthenticationInvalidInputError): no refresh token, an e-mail
	// already registered.
	KindAuthInvalidInput = primitives.NewKind("AuthenticationInvalidInputError", KindAuthentication)
	// KindAuthUnexpectedDB is a failed database operation during
	// authentication (AuthenticationUnexpectedDBError).
	KindAuthUnexpectedDB = primitives.NewKind("AuthenticationUnexpectedDBError", KindAuthentication)
	// KindAuthTokenGeneration is a token that could not be issued, usually
	// because the secrets are missing or shorter than 18 characters.
	KindAuthTokenGeneration = primitives.NewKind("AuthenticationTokenGenerationError", KindAuthentication)

	// KindIdentity is the parent of identity document errors
	// (IdentityBlockError).
	KindIdentity = primitives.NewKind("IdentityBlockError", primitives.KindBlock)
	// KindIdentityBadRequest is an identity update the block refuses (an
	// empty patch).
	KindIdentityBadRequest = primitives.NewKind("IdentityBadRequestError", KindIdentity)
	// KindIdentityConflict is a write that would give two identities the
	// same e-mail; Blockyard's own kind (the reference has no unique index).
	KindIdentityConflict = primitives.NewKind("IdentityConflictError", KindIdentity)
	// KindIdentityDB is a failed database operation on identities.
	KindIdentityDB = primitives.NewKind("IdentityDbError", KindIdentity)
)

// opGetIdentityByID is the reference's functionName of the identity lookup,
// as validators serialize it into data.cause.
const opGetIdentityByID = "getIdentityById"

// Identity lookup errors carry their own status (the reference's
// NodeblocksError from getIdentityById), so that a validator wrapping them
// reports {"statusCode":404|500,"functionName":"getIdentityById"} as cause.
var (
	// ErrIdentityNotFound: no identity has the requested id.
	ErrIdentityNotFound = primitives.StatusError(http.StatusNotFound, "Identity not found").WithOp(opGetIdentityByID)
	// ErrGetIdentity: the identity lookup failed in the database.
	ErrGetIdentity = primitives.StatusError(http.StatusInternalServerError, "Failed to get identity").WithOp(opGetIdentityByID)
)

// Errors of the authentication blocks, with the reference's messages.
var (
	// ErrWrongCredentials answers an unknown e-mail and a wrong password
	// alike, so that login does not reveal which e-mails are registered.
	ErrWrongCredentials = primitives.NewError(KindAuthUnauthorized, "wrong credentials provided")
	// ErrAccountLocked answers the right password of a locked identity.
	ErrAccountLocked = primitives.NewError(KindAuthUnauthorized, "This account is locked")
	// ErrTokenGeneration: a token could not be issued.
	ErrTokenGeneration = primitives.NewError(KindAuthTokenGeneration, "unable to generate access token")
	// ErrFindIdentity: looking up an e-mail failed in the database.
	ErrFindIdentity = primitives.NewError(KindAuthUnexpectedDB, "failed to find identity")
	// ErrUpdateLoginAttempts: recording a login outcome failed.
	ErrUpdateLoginAttempts = primitives.NewError(KindAuthUnexpectedDB, "failed to update login attempts")

	// ErrTokenMismatch: the refresh cookie and the body carry different
	// valid refresh tokens.
	ErrTokenMismatch = primitives.NewError(KindAuthUnauthorized, "token mismatch")
	// ErrRefreshTokenNotFound: no valid refresh token came with the request.
	ErrRefreshTokenNotFound = primitives.NewError(KindAuthInvalidInput, "Token was not found")
	// ErrOldRefreshTokenInvalid: the refresh token names no known session.
	ErrOldRefreshTokenInvalid = primitives.NewError(KindAuthUnauthorized, "Old refresh token is invalid")
	// ErrRefreshTokenReuse: a rotated (or revoked) refresh token was
	// presented again, the sign of a stolen token; RetireRefreshToken has
	// then revoked every live refresh token of the identity.
	ErrRefreshTokenReuse = primitives.NewError(KindAuthUnauthorized, "refresh token reuse detected")
	// ErrFindRefreshToken: looking up a refresh token row failed.
	ErrFindRefreshToken = primitives.NewError(KindAuthUnexpectedDB, "failed to find refresh token")
	// ErrDeleteOldRefreshToken: the rotated row could not be soft-deleted.
	ErrDeleteOldRefreshToken = primitives.NewError(KindAuthBadRequest, "failed to delete old refresh token")
	// ErrCreateRefreshToken: the new refresh token row could not be stored.
	ErrCreateRefreshToken = primitives.NewError(KindAuthUnexpectedDB, "failed to create new refresh token")
	// ErrRefreshIdentityMismatch: logout with another identity's refresh
	// token.
	ErrRefreshIdentityMismatch = primitives.NewError(KindAuthUnauthorized, "refresh token identity mismatch")
	// ErrRevokeRefreshToken: the refresh token row to revoke does not exist.
	ErrRevokeRefreshToken = primitives.NewError(KindAuthUnexpectedDB, "failed to revoke refresh token")
	// ErrDeleteRefreshToken: revoking a refresh token failed in the database.
	ErrDeleteRefreshToken = primitives.NewError(KindAuthUnexpectedDB, "failed to delete refresh token")
	// ErrRevokeSessions: revoking every refresh token of an identity
	// (RevokeIdentitySessions) failed in the database.
	ErrRevokeSessions = primitives.NewError(KindAuthUnexpectedDB, "failed to revoke sessions")

	// ErrUnableToVerifyToken: CheckToken could not decrypt or verify.
	ErrUnableToVerifyToken = primitives.NewError(KindAuthInvalidToken, "Unable to verify token")
	// ErrAccessTokenFailedChecks: CheckToken's security check failed.
	ErrAccessTokenFailedChecks = primitives.NewError(KindAuthInvalidToken, "Access token failed checks")
	// ErrInvalidTokenTarget: a one-time token checked for another target.
	ErrInvalidTokenTarget = primitives.NewError(KindAuthInvalidToken, "Invalid token")
	// ErrTokenFailedValidation: any other token CheckToken refuses (refresh
	// and app tokens, unknown or used one-time tokens).
	ErrTokenFailedValidation = primitives.NewError(KindAuthUnauthorized, "Token failed validation")
	// ErrCheckOneTimeToken: consuming a one-time token failed.
	ErrCheckOneTimeToken = primitives.NewError(KindAuthUnexpectedDB, "Unable to check onetime token")
	// ErrCreateOneTimeToken: storing a one-time token failed.
	ErrCreateOneTimeToken = primitives.NewError(KindAuthUnexpectedDB, "Unable to create onetime token")

	// ErrMissingTokenHeader: no Authorization header.
	ErrMissingTokenHeader = primitives.NewError(KindAuthBadRequest, "Missing token header")
	// ErrTokenHeaderFormat: an Authorization header not "Bearer <token>".
	ErrTokenHeaderFormat = primitives.NewError(KindAuthBadRequest, "Incorrect format of token header")
	// ErrNoTokenInHeader: "Bearer " with nothing after it.
	ErrNoTokenInHeader = primitives.NewError(KindAuthUnauthorized, "No token found in authorization header")

	// ErrIdentityDataRequired: an identity update with no field to change.
	ErrIdentityDataRequired = primitives.NewError(KindIdentityBadRequest, "Identity data is required")
	// ErrEmailTaken: another identity already has the e-mail.
	ErrEmailTaken = primitives.NewError(KindIdentityConflict, "Email is already in use")
	// ErrUpdateIdentity, ErrDeleteIdentity, ErrListIdentities: database
	// failures of the identity admin blocks.
	ErrUpdateIdentity = primitives.NewError(KindIdentityDB, "Failed to update identity")
	ErrDeleteIdentity = primitives.NewError(KindIdentityDB, "Failed to delete identity")
	ErrListIdentities = primitives.NewError(KindIdentityDB, "Failed to get identities")
)

// Errors the authenticator returns. They carry the reference's statuses
// (401/422) because validators answer with them on every route.
var (
	// ErrTokenNotVerified: no token, or one that does not decrypt, verify
	// or has expired.
	ErrTokenNotVerified = primitives.StatusError(http.StatusUnauthorized, "token could not be verified")
	// ErrAuthorizationHeader: an Authorization header that is not exactly
	// "Bearer <token>".
	ErrAuthorizationHeader = primitives.StatusError(http.StatusUnprocessableEntity, "Incorrect authorization of token header")
	// ErrNotAccessToken: a refresh or one-time token used as access token.
	ErrNotAccessToken = primitives.StatusError(http.StatusUnauthorized, "Token is not valid access token")
	// ErrSecurityCheck: the token's fingerprint, or both its IP and
	// User-Agent, differ from the request's.
	ErrSecurityCheck = primitives.StatusError(http.StatusUnauthorized, "Token fails security check")
	// ErrMissingAuthentication: an access token of unknown access type.
	ErrMissingAuthentication = primitives.StatusError(http.StatusUnauthorized, "Token missing authentication")
	// ErrNoAccessCookie: cookie mode without an accessToken cookie.
	ErrNoAccessCookie = primitives.StatusError(http.StatusUnauthorized, "Unable to detect access token")
)

// registerError is the reference's 422 for an e-mail already registered;
// its message quotes the e-mail.
func registerError(email string) *primitives.Error {
	return primitives.NewError(KindAuthInvalidInput, `unable to register "`+email+`"`)
}

// createIdentityError is the reference's 500 when storing a new identity
// fails.
func createIdentityError(email string) *primitives.Error {
	return primitives.NewError(KindAuthUnexpectedDB, "unable to create identity for "+email)
}

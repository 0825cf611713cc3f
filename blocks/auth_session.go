package blocks

import (
	"context"
	"errors"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// TokenLifetimes are the lifetimes of the tokens a session gets
// (nodeblocks.Config.AccessTokenLifetime and nodeblocks.Config.RefreshTokenLifetime).
type TokenLifetimes struct {
	Access  time.Duration
	Refresh time.Duration
}

// SessionRequest is who a session is for and where the request came from.
type SessionRequest struct {
	IdentityID string
	// Origin binds both tokens to the client (fingerprint, IP, User-Agent).
	Origin Origin
	// Domain is recorded in the tokens and the refresh row; never checked.
	Domain string
	// StoredFingerprint is the fingerprint recorded in the refresh row:
	// nil when the client sent none, stored as null like the reference.
	StoredFingerprint *string
}

// Session is a pair of freshly issued tokens.
type Session struct {
	IdentityID   string
	AccessToken  string
	RefreshToken string
	// JTI names the refresh token's row in refreshtokens.
	JTI string
}

// StartSession issues a user access token and a refresh token bound to the
// request's origin, and records the refresh token's row (jti,
// tokenVerification, createdAt, id = identity id, updatedAt) so that it can
// be rotated and revoked. Issuing fails with 500-kind "unable to generate
// access token" (e.g. secrets under 18 characters), storing with "failed to
// create new refresh token".
//
// Before answering with the tokens, a login or refresh must call
// ConfirmSession: the identity may have been locked or deleted meanwhile.
func StartSession(ctx context.Context, refreshTokens *mongo.Collection, codec *Codec, req SessionRequest, lt TokenLifetimes, now time.Time) mo.Result[Session] {
	access := token.NewUserAccess(req.IdentityID, req.Origin, req.Domain).Stamp(now, lt.Access)
	refresh := token.NewRefresh(req.IdentityID, req.Origin, req.Domain).Stamp(now, lt.Refresh)
	at, err := codec.Issue(access)
	if err != nil {
		return mo.Err[Session](ErrTokenGeneration.Wrap(err))
	}
	rt, err := codec.Issue(refresh)
	if err != nil {
		return mo.Err[Session](ErrTokenGeneration.Wrap(err))
	}
	row := RefreshTokenRow{
		JTI: refresh.JTI,
		TokenVerification: TokenVerification{
			Domain:      req.Domain,
			Fingerprint: req.StoredFingerprint,
			IP:          req.Origin.IP,
			UserAgent:   req.Origin.UserAgent,
		},
		CreatedAt:  Timestamp(now),
		IdentityID: req.IdentityID,
		UpdatedAt:  Timestamp(now),
	}
	if _, err := refreshTokens.InsertOne(ctx, row); err != nil {
		return mo.Err[Session](ErrCreateRefreshToken.Wrap(err))
	}
	return mo.Ok(Session{IdentityID: req.IdentityID, AccessToken: at, RefreshToken: rt, JTI: refresh.JTI})
}

// SessionRefusal names the errors ConfirmSession answers when the
// session's identity turned out to be locked or gone: each route answers
// as it would have had the lock or delete come first.
type SessionRefusal struct {
	// Locked is returned when the identity is locked.
	Locked error
	// Gone is returned when the identity no longer exists.
	Gone error
}

// LoginRefusal is how login refuses a session whose identity was locked
// or deleted while it logged in: 401-kind "This account is locked", as the
// right password of a locked identity gets, and 401-kind "wrong
// credentials provided", as an unknown e-mail gets.
func LoginRefusal() SessionRefusal {
	return SessionRefusal{Locked: ErrAccountLocked, Gone: ErrWrongCredentials}
}

// RefreshRefusal is how refresh refuses a session whose identity is locked
// or gone: 401-kind "refresh token reuse detected" in both cases, the
// answer the refresh gets when the lock's or delete's revocation came
// first (its refresh token was revoked), so that a client cannot tell a
// race from a late refresh. It also covers an identity locked by failed
// logins, which revokes nothing: its refresh tokens stop working at their
// next use.
func RefreshRefusal() SessionRefusal {
	return SessionRefusal{Locked: ErrRefreshTokenReuse, Gone: ErrRefreshTokenReuse}
}

// ConfirmSession is the step after StartSession that makes sure nothing
// it issued survives a concurrent lock or delete of the identity. It
// re-reads the identity (one indexed findOne by id); when it is locked or
// gone, it revokes the refresh-token row StartSession just inserted and
// answers refuse.Locked or refuse.Gone; otherwise it returns ses
// unchanged. A failed lookup also revokes the row and is 500-kind "failed
// to find identity"; a failed revocation is 500-kind "failed to delete
// refresh token" (the client gets neither token either way).
//
// Why this is enough (linearization). LockIdentity and DeleteIdentity
// first write the identity's state (W), then revoke every live refresh
// token of the identity (R, RevokeIdentitySessions). A login or refresh
// first inserts its row (I, StartSession), then re-reads the identity
// (C, here). Each side runs its two steps in order, and the database
// orders single-document writes and reads (MongoDB on a primary with the
// default concerns; FerretDB within one process). Either C sees W, and the
// row is revoked here and the session refused; or C ran before W, so
// I < C < W < R: R's updateMany runs after the row exists and revokes it.
// Either way no refresh token issued concurrently with the lock or delete
// stays live, and its access token is refused by package validators,
// which check the identity on every request. This holds across processes
// on MongoDB; on FerretDB 1.24 within one process.
//
// Login and refresh call it with LoginRefusal and RefreshRefusal.
func ConfirmSession(ctx context.Context, identities, refreshTokens *mongo.Collection, ses Session, refuse SessionRefusal, now time.Time) mo.Result[Session] {
	idn, err := GetIdentityByID(ctx, identities, ses.IdentityID).Get()
	var refusal error
	switch {
	case errors.Is(err, ErrIdentityNotFound):
		refusal = refuse.Gone
	case err != nil:
		refusal = ErrFindIdentity.Wrap(err)
	case idn.Locked:
		refusal = refuse.Locked
	default:
		return mo.Ok(ses)
	}
	if err := RevokeRefreshToken(ctx, refreshTokens, ses.JTI, now).Error(); err != nil {
		return mo.Err[Session](err)
	}
	return mo.Err[Session](refusal)
}

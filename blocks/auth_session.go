package blocks

import (
	"context"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// TokenLifetimes are the lifetimes of the tokens a session gets
// (Config.AccessTokenLifetime and Config.RefreshTokenLifetime).
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

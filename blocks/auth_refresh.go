package blocks

import (
	"context"
	"errors"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// RefreshTokenRow is a document of the refreshtokens collection: one per
// refresh token issued, live while DeletedAt is empty. Fields come in the
// reference's order. Note that the row's id is the IDENTITY id (as in the
// reference); the jti names the row.
type RefreshTokenRow struct {
	JTI               string            `bson:"jti"`
	TokenVerification TokenVerification `bson:"tokenVerification"`
	CreatedAt         string            `bson:"createdAt"`
	IdentityID        string            `bson:"id"`
	UpdatedAt         string            `bson:"updatedAt"`
	DeletedAt         string            `bson:"deletedAt,omitempty"`
}

// TokenVerification records where a refresh token was issued.
type TokenVerification struct {
	Domain string `bson:"domain"`
	// Fingerprint is null when the client sent none.
	Fingerprint *string `bson:"fingerprint"`
	IP          string  `bson:"ip"`
	UserAgent   string  `bson:"userAgent"`
}

// RefreshCandidates are the refresh tokens a request carries: the
// refreshToken cookie and the body's refreshToken ("" when absent). Leave
// Cookie empty in bearer mode: the reference sees no cookies unless the
// app installs a cookie parser, which the SDK does not.
type RefreshCandidates struct {
	Cookie string
	Body   string
}

// ResolveRefreshToken picks the refresh token of a request the reference's
// way: each candidate must verify at now, be of type refresh and pass the
// security check against origin with the IP rule always on; candidates that
// do not are ignored. Two valid, different candidates → 401-kind "token
// mismatch". None → None (logout then revokes nothing; refresh answers 422).
func ResolveRefreshToken(codec *Codec, c RefreshCandidates, origin Origin, now time.Time) mo.Result[mo.Option[Claims]] {
	cookie, cookieOK := validRefresh(codec, c.Cookie, origin, now)
	body, bodyOK := validRefresh(codec, c.Body, origin, now)
	switch {
	case cookieOK && bodyOK && c.Cookie != c.Body:
		return mo.Err[mo.Option[Claims]](ErrTokenMismatch)
	case cookieOK:
		return mo.Ok(mo.Some(cookie))
	case bodyOK:
		return mo.Ok(mo.Some(body))
	}
	return mo.Ok(mo.None[Claims]())
}

func validRefresh(codec *Codec, raw string, origin Origin, now time.Time) (Claims, bool) {
	if raw == "" {
		return Claims{}, false
	}
	c, err := codec.Verify(raw, now)
	if err != nil || c.Type != token.TypeRefresh || !token.PassesSecurityCheck(c, origin, true) {
		return Claims{}, false
	}
	return c, true
}

// RetireRefreshToken consumes a refresh token for rotation: its row must
// exist and be live. No row, or claims without identityId/jti → 401-kind
// "Old refresh token is invalid".
//
// A revoked or already rotated row means the token was stolen or replayed:
// whoever refreshed with it first (the thief or the victim) holds the
// token it got in exchange. So, as the OAuth 2.0 Security BCP advises,
// reuse ends the whole family: every live refresh token of the row's
// identity is revoked (RevokeIdentitySessions), then the answer is 401-kind
// "refresh token reuse detected" (500-kind "failed to revoke sessions" if
// the revocation fails). The reference only answered the 401.
//
// The soft delete is guarded by "still live", so of two concurrent
// refreshes with the same token exactly one succeeds and the other is
// reported as reuse (the reference would let both through), which then
// revokes the winner's new token too.
func RetireRefreshToken(ctx context.Context, refreshTokens *mongo.Collection, c Claims, now time.Time) mo.Result[RefreshTokenRow] {
	if c.IdentityID == "" || c.JTI == "" {
		return mo.Err[RefreshTokenRow](ErrOldRefreshTokenInvalid)
	}
	var row RefreshTokenRow
	err := refreshTokens.FindOne(ctx, bson.D{bson.E{Key: "jti", Value: c.JTI}}).Decode(&row)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return mo.Err[RefreshTokenRow](ErrOldRefreshTokenInvalid)
	case err != nil:
		return mo.Err[RefreshTokenRow](ErrFindRefreshToken.Wrap(err))
	case row.DeletedAt != "":
		return reuseDetected(ctx, refreshTokens, row, now)
	}
	ts := Timestamp(now)
	unlock := lockKey("refresh:" + c.JTI)
	res, err := refreshTokens.UpdateOne(ctx, liveRefreshToken(c.JTI), softDeleteRefreshRow(ts))
	unlock()
	switch {
	case err != nil:
		return mo.Err[RefreshTokenRow](ErrDeleteOldRefreshToken.Wrap(err))
	case res.ModifiedCount == 0:
		return reuseDetected(ctx, refreshTokens, row, now)
	}
	row.DeletedAt, row.UpdatedAt = ts, ts
	return mo.Ok(row)
}

// reuseDetected revokes every live refresh token of the row's identity and
// answers ErrRefreshTokenReuse (the revocation's error if it fails).
func reuseDetected(ctx context.Context, refreshTokens *mongo.Collection, row RefreshTokenRow, now time.Time) mo.Result[RefreshTokenRow] {
	if err := RevokeIdentitySessions(ctx, refreshTokens, row.IdentityID, now).Error(); err != nil {
		return mo.Err[RefreshTokenRow](err)
	}
	return mo.Err[RefreshTokenRow](ErrRefreshTokenReuse)
}

// RevokeIdentitySessions ends every session of an identity: it soft-deletes
// all the identity's live refresh-token rows (id = identityID and deletedAt
// absent → $set deletedAt, updatedAt, with one updateMany), so that
// refreshing with any of those tokens answers 401 "refresh token reuse
// detected". It returns how many rows it revoked: 0 when the identity has
// no live session or does not exist (or identityID is ""). A database
// failure is 500-kind "failed to revoke sessions"; running it again is
// harmless.
//
// Access tokens carry no row to revoke. After a lock or delete they are
// refused anyway, because package validators check the caller's identity
// on every request that authenticates a user; after a reuse (the identity
// is neither locked nor deleted) they stay valid until they expire
// (nodeblocks.Config.AccessTokenLifetime, 15 minutes by default), as in the
// reference. A login or refresh that stores its row after this ran is
// caught by its own ConfirmSession, provided the identity's state was
// written first: lock and delete call LockIdentity or DeleteIdentity
// BEFORE this.
//
// Lock, delete and refresh-token reuse call it.
func RevokeIdentitySessions(ctx context.Context, refreshTokens *mongo.Collection, identityID string, now time.Time) mo.Result[int64] {
	if identityID == "" {
		return mo.Ok[int64](0)
	}
	res, err := refreshTokens.UpdateMany(ctx, bson.D{
		bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: false}}},
		bson.E{Key: "id", Value: identityID},
	}, softDeleteRefreshRow(Timestamp(now)))
	if err != nil {
		return mo.Err[int64](ErrRevokeSessions.Wrap(err))
	}
	return mo.Ok(res.ModifiedCount)
}

// RevokeRefreshToken soft-deletes the row of a refresh token (logout). An
// already revoked row is fine; a missing row is 500-kind "failed to revoke
// refresh token". The access tokens issued with it stay valid until they
// expire: access tokens are never checked against the database.
func RevokeRefreshToken(ctx context.Context, refreshTokens *mongo.Collection, jti string, now time.Time) mo.Result[string] {
	res, err := refreshTokens.UpdateOne(ctx, liveRefreshToken(jti), softDeleteRefreshRow(Timestamp(now)))
	if err != nil {
		return mo.Err[string](ErrDeleteRefreshToken.Wrap(err))
	}
	if res.MatchedCount == 1 {
		return mo.Ok(jti)
	}
	n, err := refreshTokens.CountDocuments(ctx, bson.D{
		bson.E{Key: "jti", Value: jti},
		bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: true}}},
	})
	switch {
	case err != nil:
		return mo.Err[string](ErrDeleteRefreshToken.Wrap(err))
	case n == 0:
		return mo.Err[string](ErrRevokeRefreshToken)
	}
	return mo.Ok(jti)
}

// liveRefreshToken is the filter of the live row of jti.
func liveRefreshToken(jti string) bson.D {
	return bson.D{
		bson.E{Key: "deletedAt", Value: bson.D{bson.E{Key: "$exists", Value: false}}},
		bson.E{Key: "jti", Value: jti},
	}
}

// softDeleteRefreshRow marks a row deleted at ts.
func softDeleteRefreshRow(ts string) bson.D {
	return bson.D{bson.E{Key: "$set", Value: bson.D{
		bson.E{Key: "deletedAt", Value: ts},
		bson.E{Key: "updatedAt", Value: ts},
	}}}
}

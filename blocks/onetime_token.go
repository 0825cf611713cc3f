package blocks

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// OneTimeTokenRow is a document of the onetimetokens collection: the full
// token string, whether it was used, and the base entity fields, in the
// reference's order. A one-time token is valid only while its row exists
// and Invalid is false.
type OneTimeTokenRow struct {
	Token     string `bson:"token"`
	Invalid   bool   `bson:"invalid"`
	CreatedAt string `bson:"createdAt"`
	ID        string `bson:"id"`
	UpdatedAt string `bson:"updatedAt"`
}

// OneTimeTokenSpec describes a one-time token to issue.
type OneTimeTokenSpec struct {
	// Target says what the token is for ("invitation", "login", ...); a
	// check for another target refuses it.
	Target string
	// Data is the JSON object the token carries and CheckToken returns;
	// nil for none.
	Data json.RawMessage
	// Origin and Domain are recorded in the claims, as the reference does.
	Origin Origin
	Domain string
	// Lifetime is nodeblocks.Config.OneTimeTokenLifetime.
	Lifetime time.Duration
}

// CreateOneTimeToken issues a one-time token and stores its row, so that
// CheckToken can consume it exactly once.
func CreateOneTimeToken(ctx context.Context, onetimeTokens *mongo.Collection, codec *Codec, spec OneTimeTokenSpec, now time.Time, newID func() string) mo.Result[string] {
	claims := token.NewOnetime(spec.Target, spec.Data, spec.Origin, spec.Domain).Stamp(now, spec.Lifetime)
	raw, err := codec.Issue(claims)
	if err != nil {
		return mo.Err[string](ErrTokenGeneration.Wrap(err))
	}
	ts := Timestamp(now)
	row := OneTimeTokenRow{Token: raw, Invalid: false, CreatedAt: ts, ID: newID(), UpdatedAt: ts}
	if _, err := onetimeTokens.InsertOne(ctx, row); err != nil {
		return mo.Err[string](ErrCreateOneTimeToken.Wrap(err))
	}
	return mo.Ok(raw)
}

// TokenInfo is what CheckToken learned from a token: the identity of a
// user access token, or the data of a consumed one-time token.
type TokenInfo struct {
	// IdentityID is set for user access tokens.
	IdentityID string
	// Data is the one-time token's data (nil for access tokens).
	Data json.RawMessage
}

// MarshalJSON writes {"identityId": ...} for an access token and the data
// object itself for a one-time token, as POST /auth/token/check answers.
func (ti TokenInfo) MarshalJSON() ([]byte, error) {
	if ti.IdentityID == "" {
		if ti.Data == nil {
			return []byte("{}"), nil
		}
		return ti.Data, nil
	}
	return json.Marshal(struct {
		IdentityID string `json:"identityId"`
	}{ti.IdentityID})
}

// CheckToken is the reference's checkToken: it accepts a user access token
// that passes the security check against origin (IP rule always on,
// whatever the configuration) or consumes a one-time token for target.
//
//   - undecryptable, unverifiable or expired → InvalidToken-kind "Unable to
//     verify token";
//   - user access token failing the security check → InvalidToken-kind
//     "Access token failed checks";
//   - one-time token for another target → InvalidToken-kind "Invalid token";
//   - one-time token without a live row (unknown or used) and every other
//     token (refresh, app) → Unauthorized-kind "Token failed validation";
//   - database failure → UnexpectedDB-kind "Unable to check onetime token".
//
// Consumption is atomic: of concurrent checks of the same one-time token,
// exactly one gets its data.
//
// It reads no identity: POST /auth/token/check follows it with
// CheckTokenIdentity, so that a locked or deleted identity's access token
// is refused.
func CheckToken(ctx context.Context, onetimeTokens *mongo.Collection, codec *Codec, origin Origin, raw, target string, now time.Time) mo.Result[TokenInfo] {
	c, err := codec.Verify(raw, now)
	if err != nil {
		return mo.Err[TokenInfo](ErrUnableToVerifyToken.Wrap(err))
	}
	switch {
	case c.Type == token.TypeAccess && c.AccessType == token.AccessUser:
		if !token.PassesSecurityCheck(c, origin, true) {
			return mo.Err[TokenInfo](ErrAccessTokenFailedChecks)
		}
		return mo.Ok(TokenInfo{IdentityID: c.IdentityID})
	case c.Type == token.TypeOnetime:
		if c.Target != target {
			return mo.Err[TokenInfo](ErrInvalidTokenTarget)
		}
		return consumeOneTimeToken(ctx, onetimeTokens, raw, c, now)
	}
	return mo.Err[TokenInfo](ErrTokenFailedValidation)
}

// CheckTokenIdentity is the step after CheckToken for a user access
// token: the token verifies, but its identity may have been locked or
// deleted since it was issued, and such a token is refused everywhere
// else. Locked → 401-kind "This account is locked"; gone → 401-kind
// "Token failed validation", like any other token the check refuses; a
// failed lookup → 500-kind "failed to find identity". One-time tokens
// (no identity) pass unchanged. It costs one indexed findOne by id.
func CheckTokenIdentity(ctx context.Context, identities *mongo.Collection, info TokenInfo) mo.Result[TokenInfo] {
	if info.IdentityID == "" {
		return mo.Ok(info)
	}
	idn, err := GetIdentityByID(ctx, identities, info.IdentityID).Get()
	switch {
	case errors.Is(err, ErrIdentityNotFound):
		return mo.Err[TokenInfo](ErrTokenFailedValidation)
	case err != nil:
		return mo.Err[TokenInfo](ErrFindIdentity.Wrap(err))
	case idn.Locked:
		return mo.Err[TokenInfo](ErrAccountLocked)
	}
	return mo.Ok(info)
}

// consumeOneTimeToken marks the token's live row used (guarded, so only one
// caller wins), then every other row with the same token, as the
// reference's updateMany does.
func consumeOneTimeToken(ctx context.Context, onetimeTokens *mongo.Collection, raw string, c Claims, now time.Time) mo.Result[TokenInfo] {
	used := bson.D{bson.E{Key: "$set", Value: bson.D{
		bson.E{Key: "invalid", Value: true},
		bson.E{Key: "updatedAt", Value: Timestamp(now)},
	}}}
	unlock := lockKey("onetime:" + raw)
	res, err := onetimeTokens.UpdateOne(ctx, bson.D{
		bson.E{Key: "token", Value: raw},
		bson.E{Key: "invalid", Value: bson.D{bson.E{Key: "$ne", Value: true}}},
	}, used)
	unlock()
	if err != nil {
		return mo.Err[TokenInfo](ErrCheckOneTimeToken.Wrap(err))
	}
	if res.ModifiedCount == 0 {
		return mo.Err[TokenInfo](ErrTokenFailedValidation)
	}
	if _, err := onetimeTokens.UpdateMany(ctx, bson.D{bson.E{Key: "token", Value: raw}}, used); err != nil {
		return mo.Err[TokenInfo](ErrCheckOneTimeToken.Wrap(err))
	}
	return mo.Ok(TokenInfo{Data: c.Data})
}

// ExtractTokenFromAuthorizationHeader returns the token of an
// "Authorization: Bearer <token>" header value: "" (no header) →
// BadRequest-kind "Missing token header"; not two space-separated parts
// starting with the case-sensitive "Bearer" → BadRequest-kind "Incorrect
// format of token header"; "Bearer " with nothing after → Unauthorized-kind
// "No token found in authorization header".
func ExtractTokenFromAuthorizationHeader(authorization string) mo.Result[string] {
	if authorization == "" {
		return mo.Err[string](ErrMissingTokenHeader)
	}
	scheme, tok, ok := strings.Cut(authorization, " ")
	if !ok || scheme != "Bearer" || strings.Contains(tok, " ") {
		return mo.Err[string](ErrTokenHeaderFormat)
	}
	if tok == "" {
		return mo.Err[string](ErrNoTokenInHeader)
	}
	return mo.Ok(tok)
}

package blocks

import (
	"context"
	"time"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// ChangeRequestAuthor returns the identity id of the user access token a
// change request is made with, the reference's checkToken without target.
// Its errors are CheckToken's.
//
// Unlike the reference, which forces the IP rule of the security check on
// here whatever the configuration, checkIP is the service's setting
// (!Config.IgnoreIP): a token the authenticator accepted for the request
// is accepted here too, instead of failing with 400 "Access token failed
// checks".
func ChangeRequestAuthor(ctx context.Context, onetimeTokens *mongo.Collection, codec *Codec, origin Origin, raw string, checkIP bool, now time.Time) mo.Result[string] {
	if !checkIP {
		if c, err := codec.Verify(raw, now); err == nil && c.Type == token.TypeAccess && c.AccessType == token.AccessUser {
			if !token.PassesSecurityCheck(c, origin, false) {
				return mo.Err[string](ErrAccessTokenFailedChecks)
			}
			return mo.Ok(c.IdentityID)
		}
	}
	return primitives.Map(CheckToken(ctx, onetimeTokens, codec, origin, raw, "", now), func(ti TokenInfo) string { return ti.IdentityID })
}

package blocks

import (
	"sync"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
)

// Codec issues and verifies the reference's encrypted tokens; see package
// internal/token. A nil *Codec stands for invalid secrets: verifying fails
// (401) and issuing fails (500), as in the reference.
type Codec = token.Codec

// Origin is what a user token is bound to: the client's fingerprint, IP and
// User-Agent (see token.PassesSecurityCheck).
type Origin = token.Origin

// Claims are a token's claims (see token.Claims).
type Claims = token.Claims

// tokenCodecs caches one Codec per pair of secrets (and tenant): deriving
// the AES key schedule once per service rather than once per request. It
// grows by one entry per tenant a multi-tenant process serves.
var tokenCodecs sync.Map // nodeblocks.AuthSecrets → *token.Codec

// CodecFor returns the Codec of the secrets, built once and shared. It is
// nil when a secret is shorter than 18 characters, which makes every
// verification fail and every issue fail, like the reference.
func CodecFor(s nodeblocks.AuthSecrets) *Codec {
	if c, ok := tokenCodecs.Load(s); ok {
		return c.(*Codec)
	}
	c, err := token.NewTenantCodec(token.Secrets{Enc: s.Enc, Sign: s.Sign}, s.Tenant)
	if err != nil {
		c = nil
	}
	v, _ := tokenCodecs.LoadOrStore(s, c)
	return v.(*Codec)
}

package token

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Values of [Claims.Type] and [Claims.AccessType]. Verifiers dispatch on
// them (a refresh token must never pass as an access token), so they are
// spelled exactly as the reference spells them.
const (
	TypeAccess  = "access"
	TypeRefresh = "refresh"
	TypeOnetime = "onetime"

	AccessUser = "user"
	AccessApp  = "app"
)

// Claims is the union of the reference's four claim sets (user access, app
// access, refresh, one-time). One struct rather than four keeps Verify
// allocation-light and lets callers dispatch on Type and AccessType exactly
// as the reference does; which fields a token carries depends on its kind:
//
//	user access: accessType domain fingerprint identityId ip stateful [target] type userAgent iat exp
//	app access:  accessType appId type iat [exp]
//	refresh:     domain fingerprint identityId ip jti stateful type userAgent iat exp
//	one-time:    [data] domain fingerprint ip stateful target type userAgent iat exp
//
// That is also the JSON key order the reference issues (the claims in
// alphabetical order, then iat and exp appended by jsonwebtoken), which
// [Claims.MarshalJSON] and [Codec.Issue] reproduce byte for byte.
type Claims struct {
	AccessType  string          `json:"accessType"`
	AppID       string          `json:"appId"`
	Data        json.RawMessage `json:"data"` // one-time payload, e.g. {"invitationId":"…"}
	Domain      string          `json:"domain"`
	Fingerprint string          `json:"fingerprint"`
	IdentityID  string          `json:"identityId"`
	IP          string          `json:"ip"`
	JTI         string          `json:"jti"`
	Stateful    bool            `json:"stateful"`
	Target      string          `json:"target"`
	// Tenant is the tenant a token is bound to (see [NewTenantCodec]): set
	// by [Codec.Issue] from the codec, never by callers, and absent from
	// the payload when empty, so the reference's tokens are unchanged.
	Tenant    string `json:"tenant"`
	Type      string `json:"type"`
	UserAgent string `json:"userAgent"`

	// IssuedAt and ExpiresAt are Unix seconds (iat, exp). ExpiresAt 0 means
	// "no exp", which only app access tokens may have.
	IssuedAt  int64 `json:"iat"`
	ExpiresAt int64 `json:"exp"`
}

// NewUserAccess returns the claims of a user access token for identityID,
// bound to the request origin o (see [PassesSecurityCheck]); domain is the
// Host the token was requested on. Stamp it with [Claims.Stamp] before issuing.
func NewUserAccess(identityID string, o Origin, domain string) Claims {
	return Claims{
		AccessType:  AccessUser,
		Domain:      domain,
		Fingerprint: o.Fingerprint,
		IdentityID:  identityID,
		IP:          o.IP,
		Stateful:    false,
		Type:        TypeAccess,
		UserAgent:   o.UserAgent,
	}
}

// NewAppAccess returns the claims of an app access token. App tokens carry no
// origin and, in the reference, no exp: set IssuedAt and leave ExpiresAt 0.
func NewAppAccess(appID string) Claims {
	return Claims{AccessType: AccessApp, AppID: appID, Type: TypeAccess}
}

// NewRefresh returns the claims of a refresh token with a fresh random jti
// (UUID v4). The jti names the refreshtokens row that makes the token
// revocable, so callers store Claims.JTI alongside the token.
func NewRefresh(identityID string, o Origin, domain string) Claims {
	return Claims{
		Domain:      domain,
		Fingerprint: o.Fingerprint,
		IdentityID:  identityID,
		IP:          o.IP,
		JTI:         uuid.NewString(),
		Stateful:    true,
		Type:        TypeRefresh,
		UserAgent:   o.UserAgent,
	}
}

// NewOnetime returns the claims of a one-time token for target (e.g.
// "invitation", "reset-password") carrying data, which must be valid JSON
// (normally an object) or nil to omit the key.
func NewOnetime(target string, data json.RawMessage, o Origin, domain string) Claims {
	return Claims{
		Data:        data,
		Domain:      domain,
		Fingerprint: o.Fingerprint,
		IP:          o.IP,
		Stateful:    true,
		Target:      target,
		Type:        TypeOnetime,
		UserAgent:   o.UserAgent,
	}
}

// Stamp returns c with IssuedAt set to now and ExpiresAt to now plus
// lifetime, rounded as jsonwebtoken's expiresIn rounds (see [Expiry]). A
// lifetime <= 0 yields an already expired token, as in the reference.
func (c Claims) Stamp(now time.Time, lifetime time.Duration) Claims {
	c.IssuedAt = now.Unix()
	c.ExpiresAt = Expiry(c.IssuedAt, lifetime)
	return c
}

// MarshalJSON encodes the claims exactly as the reference would issue them:
// the keys of the token's kind in the reference's order, strings escaped as
// JSON.stringify escapes them. It fails for an unknown Type, for a non-app
// token without ExpiresAt and for invalid Data, so that no token the
// reference could not have issued gets out.
func (c Claims) MarshalJSON() ([]byte, error) {
	return c.appendJSON(make([]byte, 0, 320))
}

// UnmarshalJSON decodes a JWT payload. Absent keys leave their field zero.
func (c *Claims) UnmarshalJSON(b []byte) error {
	var w wireClaims
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = w.claims()
	return nil
}

// wireClaims is the decoding shape of a payload. exp and nbf record their
// presence because jsonwebtoken enforces them whenever they are present,
// even as 0. The fields repeat Claims' on purpose: embedding Claims (as a
// method-less defined type) costs encoding/json one more allocation and
// ~15% of Verify, which runs on every authenticated request.
type wireClaims struct {
	AccessType  string          `json:"accessType"`
	AppID       string          `json:"appId"`
	Data        json.RawMessage `json:"data"`
	Domain      string          `json:"domain"`
	Fingerprint string          `json:"fingerprint"`
	IdentityID  string          `json:"identityId"`
	IP          string          `json:"ip"`
	JTI         string          `json:"jti"`
	Stateful    bool            `json:"stateful"`
	Target      string          `json:"target"`
	Tenant      string          `json:"tenant"`
	Type        string          `json:"type"`
	UserAgent   string          `json:"userAgent"`
	IssuedAt    int64           `json:"iat"`
	ExpiresAt   optionalInt     `json:"exp"`
	NotBefore   optionalInt     `json:"nbf"`
}

// optionalInt is an integer claim that may be absent. Unlike *int64 it
// costs no allocation, and it refuses null as jsonwebtoken does ("invalid
// exp value").
type optionalInt struct {
	set bool
	v   int64
}

func (o *optionalInt) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return errors.New("token: time claim is not an integer")
	}
	*o = optionalInt{set: true, v: v}
	return nil
}

func (w *wireClaims) claims() Claims {
	c := Claims{
		AccessType:  w.AccessType,
		AppID:       w.AppID,
		Data:        w.Data,
		Domain:      w.Domain,
		Fingerprint: w.Fingerprint,
		IdentityID:  w.IdentityID,
		IP:          w.IP,
		JTI:         w.JTI,
		Stateful:    w.Stateful,
		Target:      w.Target,
		Tenant:      w.Tenant,
		Type:        w.Type,
		UserAgent:   w.UserAgent,
		IssuedAt:    w.IssuedAt,
	}
	if w.ExpiresAt.set {
		c.ExpiresAt = w.ExpiresAt.v
	}
	return c
}

var errNoExpiry = errors.New("token: only app access tokens may be issued without exp")

// appendJSON appends the payload of c to b in the reference's layout.
func (c *Claims) appendJSON(b []byte) ([]byte, error) {
	o := object{b: append(b, '{')}
	switch {
	case c.Type == TypeAccess && c.AccessType == AccessApp:
		o.str("accessType", c.AccessType)
		o.str("appId", c.AppID)
		o.tenant(c.Tenant)
		o.str("type", c.Type)
		o.int("iat", c.IssuedAt)
		if c.ExpiresAt != 0 {
			o.int("exp", c.ExpiresAt)
		}
		return append(o.b, '}'), nil
	case c.Type == TypeAccess:
		o.str("accessType", c.AccessType)
		o.str("domain", c.Domain)
		o.str("fingerprint", c.Fingerprint)
		o.str("identityId", c.IdentityID)
		o.str("ip", c.IP)
		o.bool("stateful", c.Stateful)
		if c.Target != "" {
			o.str("target", c.Target)
		}
		o.tenant(c.Tenant)
		o.str("type", c.Type)
		o.str("userAgent", c.UserAgent)
	case c.Type == TypeRefresh:
		o.str("domain", c.Domain)
		o.str("fingerprint", c.Fingerprint)
		o.str("identityId", c.IdentityID)
		o.str("ip", c.IP)
		o.str("jti", c.JTI)
		o.bool("stateful", c.Stateful)
		o.tenant(c.Tenant)
		o.str("type", c.Type)
		o.str("userAgent", c.UserAgent)
	case c.Type == TypeOnetime:
		if c.Data != nil {
			if !json.Valid(c.Data) {
				return b, errors.New("token: one-time data is not valid JSON")
			}
			o.key("data")
			o.b = appendCompact(o.b, c.Data)
		}
		o.str("domain", c.Domain)
		o.str("fingerprint", c.Fingerprint)
		o.str("ip", c.IP)
		o.bool("stateful", c.Stateful)
		o.str("target", c.Target)
		o.tenant(c.Tenant)
		o.str("type", c.Type)
		o.str("userAgent", c.UserAgent)
	default:
		return b, fmt.Errorf("token: unknown token type %q", c.Type)
	}
	if c.ExpiresAt == 0 {
		return b, errNoExpiry
	}
	o.int("iat", c.IssuedAt)
	o.int("exp", c.ExpiresAt)
	return append(o.b, '}'), nil
}

// object appends the members of a JSON object. Keys are package constants
// and need no escaping.
type object struct {
	b []byte
	n int
}

func (o *object) key(k string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *object) str(k, v string) { o.key(k); o.b = appendString(o.b, v) }

// tenant appends the tenant claim, in its alphabetical place, only when
// set: a token of no tenant is the reference's, byte for byte.
func (o *object) tenant(v string) {
	if v != "" {
		o.str("tenant", v)
	}
}
func (o *object) int(k string, v int64) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, v, 10)
}
func (o *object) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string escaped like JavaScript's
// JSON.stringify: only '"', '\\' and control characters are escaped (no
// HTML escaping, unlike encoding/json). Invalid UTF-8 becomes U+FFFD, since a
// JavaScript string cannot hold it.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = utf8.AppendRune(b, utf8.RuneError)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendCompact appends valid JSON src without insignificant whitespace, as
// JSON.stringify would have written it.
func appendCompact(b, src []byte) []byte {
	inString, escaped := false, false
	for _, c := range src {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ', c == '\t', c == '\n', c == '\r':
			continue
		}
		b = append(b, c)
	}
	return b
}

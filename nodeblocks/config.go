package nodeblocks

import (
	"strings"
	"time"
)

// Config is the configuration of the built-in domain on one service. Its
// zero value is usable: [Settings] fills every unset field with its
// default, the value a Node service of the reference uses, so that both
// can share a database.
type Config struct {
	// AuthSecrets encrypt and sign tokens; each must be at least 18
	// characters. Use the same secrets as a Node service to share tokens.
	AuthSecrets AuthSecrets
	// AuthMode is AuthBearer (default: the Authorization header) or
	// AuthCookie (the accessToken and refreshToken cookies); another value
	// is refused at Mount (see Validate).
	AuthMode AuthMode `validate:"oneof=bearer cookie"`
	// IgnoreIP turns off the IP part of the token security check. By
	// default a token used from another IP with another User-Agent fails.
	IgnoreIP bool
	// AccessTokenLifetime defaults to 15 minutes; a negative one is
	// refused at Mount.
	AccessTokenLifetime time.Duration `validate:"gt=0"`
	// RefreshTokenLifetime defaults to 2 days; a negative one is refused.
	RefreshTokenLifetime time.Duration `validate:"gt=0"`
	// OneTimeTokenLifetime defaults to 5 minutes; a negative one is
	// refused.
	OneTimeTokenLifetime time.Duration `validate:"gt=0"`
	// MaxFailedLoginAttempts locks an identity after that many wrong
	// passwords in a row; defaults to 5; a negative number is refused.
	MaxFailedLoginAttempts int `validate:"gte=1"`
	// Cookie holds the attributes of the auth cookies in cookie mode.
	Cookie CookieOptions
	// IdentityTypes are the typeId values that make an identity an
	// administrator, a guest or a regular user.
	IdentityTypes IdentityTypes
	// OrganizationRoles are the role values stored in organization members.
	OrganizationRoles OrganizationRoles
	// FileURLExpiry is how long signed file URLs stay valid; defaults to
	// 900 seconds; a negative one is refused.
	FileURLExpiry time.Duration `validate:"gt=0"`
	// Collections names the domain's MongoDB collections.
	Collections Collections
}

// AuthSecrets are the token secrets.
type AuthSecrets struct {
	Enc  string // AES-256 key material for the token payloads
	Sign string // HMAC-SHA256 key for the token signatures
	// Tenant binds the service's tokens to one tenant: they carry it as
	// their "tenant" claim and a token of any other tenant, or of none, is
	// refused (401 "token could not be verified"). Package tenancy sets it
	// on each tenant's service; leave it empty otherwise: the tokens are
	// then the reference's, byte for byte.
	Tenant string
}

// AuthMode selects where access tokens travel.
type AuthMode string

// Authentication modes.
const (
	AuthBearer AuthMode = "bearer"
	AuthCookie AuthMode = "cookie"
)

// CookieOptions are the attributes of the auth cookies. Zero values mean
// the defaults: HttpOnly, Secure, SameSite=Strict, Path=/.
type CookieOptions struct {
	Domain string
	Path   string
	// Insecure drops the Secure attribute (for http:// development).
	Insecure bool
	// AllowScripts drops HttpOnly.
	AllowScripts bool
	// SameSite is "strict" (default), "lax" or "none", in any case;
	// another value is refused at Mount (see Config.Validate).
	SameSite string `validate:"oneof=strict lax none"`
}

// IdentityTypes are the values stored in an identity's typeId that give it
// a kind: routes reserved to administrators compare the caller's typeId
// with Admin.
type IdentityTypes struct {
	Admin   string // default "100"
	Guest   string // default "000"
	Regular string // default "001"
}

// OrganizationRoles are the role values stored in organization members.
// Ranks are member < admin < owner: a role grants what the lower ones do.
type OrganizationRoles struct {
	Owner  string // default "owner"
	Admin  string // default "admin"
	Member string // default "member"
}

// Collections names the domain's MongoDB collections; empty names take the
// defaults given on each field.
type Collections struct {
	Identities                 string // default "identities"
	RefreshTokens              string // default "refreshtokens"
	OneTimeTokens              string // default "onetimetokens"
	Organizations              string // default "organizations"
	OrganizationChangeRequests string // default "organizationChangeRequests"
	Profiles                   string // default "profiles"
}

// ID returns the configured type id of an identity type name: "admin",
// "guest" or "regular"; "" for another name. Routes and validators take
// names, identities store ids.
func (t IdentityTypes) ID(name string) string {
	switch name {
	case "admin":
		return t.Admin
	case "guest":
		return t.Guest
	case "regular":
		return t.Regular
	}
	return ""
}

// Value returns the configured value of a role name: "owner", "admin" or
// "member"; "" for another name. Validators take names; members store
// values.
func (r OrganizationRoles) Value(name string) string {
	switch name {
	case "owner":
		return r.Owner
	case "admin":
		return r.Admin
	case "member":
		return r.Member
	}
	return ""
}

// Defaults returns c with every unset field set to its default. Settings
// applies it; call it to read the defaults of a configuration that no
// service holds yet.
func (c Config) Defaults() Config {
	if c.AuthMode == "" {
		c.AuthMode = AuthBearer
	}
	c.AccessTokenLifetime = orDuration(c.AccessTokenLifetime, 15*time.Minute)
	c.RefreshTokenLifetime = orDuration(c.RefreshTokenLifetime, 48*time.Hour)
	c.OneTimeTokenLifetime = orDuration(c.OneTimeTokenLifetime, 5*time.Minute)
	c.FileURLExpiry = orDuration(c.FileURLExpiry, 900*time.Second)
	if c.MaxFailedLoginAttempts == 0 {
		c.MaxFailedLoginAttempts = 5
	}
	if c.Cookie.Path == "" {
		c.Cookie.Path = "/"
	}
	if c.Cookie.SameSite == "" {
		c.Cookie.SameSite = "strict"
	}
	c.Cookie.SameSite = strings.ToLower(c.Cookie.SameSite)
	t := &c.IdentityTypes
	t.Admin, t.Guest, t.Regular = orString(t.Admin, "100"), orString(t.Guest, "000"), orString(t.Regular, "001")
	ro := &c.OrganizationRoles
	ro.Owner, ro.Admin, ro.Member = orString(ro.Owner, "owner"), orString(ro.Admin, "admin"), orString(ro.Member, "member")
	c.Collections = c.Collections.Defaults()
	return c
}

// Defaults returns c with empty names replaced by the defaults.
func (c Collections) Defaults() Collections {
	c.Identities = orString(c.Identities, "identities")
	c.RefreshTokens = orString(c.RefreshTokens, "refreshtokens")
	c.OneTimeTokens = orString(c.OneTimeTokens, "onetimetokens")
	c.Organizations = orString(c.Organizations, "organizations")
	c.OrganizationChangeRequests = orString(c.OrganizationChangeRequests, "organizationChangeRequests")
	c.Profiles = orString(c.Profiles, "profiles")
	return c
}

func orDuration(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

func orString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

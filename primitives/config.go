package primitives

import "time"

// Config is a service's configuration. Its zero value is usable: Defaults
// fills every unset field with the reference's default.
type Config struct {
	// AuthSecrets encrypt and sign tokens; each must be at least 18
	// characters. Use the same secrets as a Node service to share tokens.
	AuthSecrets AuthSecrets
	// AuthMode is "bearer" (default: the Authorization header) or "cookie"
	// (the accessToken and refreshToken cookies).
	AuthMode AuthMode
	// IgnoreIP turns off the IP part of the token security check (the
	// reference's checkIp: false). By default a token used from another IP
	// with another User-Agent fails.
	IgnoreIP bool
	// AccessTokenLifetime defaults to 15 minutes.
	AccessTokenLifetime time.Duration
	// RefreshTokenLifetime defaults to 2 days.
	RefreshTokenLifetime time.Duration
	// OneTimeTokenLifetime defaults to 5 minutes.
	OneTimeTokenLifetime time.Duration
	// MaxFailedLoginAttempts locks an identity after that many wrong
	// passwords in a row; defaults to 5.
	MaxFailedLoginAttempts int
	// Cookie holds the attributes of the auth cookies in cookie mode.
	Cookie CookieOptions
	// IdentityTypes are the typeId values of identity types.
	IdentityTypes IdentityTypes
	// OrganizationRoles are the role values stored in organization members.
	OrganizationRoles OrganizationRoles
	// FileURLExpiry is how long signed file URLs stay valid; defaults to
	// 900 seconds.
	FileURLExpiry time.Duration
	// BodyReadTimeout bounds how long a request body may take to arrive,
	// counted from the start of the request's handling: a body still
	// incomplete then is answered 408 "request timeout" and its connection
	// closed. Without it a client that declares a body and sends it a byte
	// at a time holds a connection, and a graceful shutdown, for as long as
	// it likes (http.Server.ReadHeaderTimeout covers only the headers).
	// Defaults to 30 seconds (ample for a 100 kB JSON body on a slow
	// mobile link); a shorter http.Server.ReadTimeout wins, and
	// a negative value turns the deadline off. It works through
	// http.ResponseController: a ResponseWriter that cannot set read
	// deadlines (httptest.ResponseRecorder, a wrapper without an Unwrap
	// method) is read without one.
	BodyReadTimeout time.Duration
}

// AuthSecrets are the token secrets (the reference's authSecrets).
type AuthSecrets struct {
	Enc  string // authEncSecret: AES-256 key material
	Sign string // authSignSecret: HMAC-SHA256 key
}

// AuthMode selects where access tokens travel.
type AuthMode string

// Authentication modes.
const (
	AuthBearer AuthMode = "bearer"
	AuthCookie AuthMode = "cookie"
)

// CookieOptions are the attributes of the auth cookies. Zero values mean
// the reference's defaults: HttpOnly, Secure, SameSite=Strict, Path=/.
type CookieOptions struct {
	Domain string
	Path   string
	// Insecure drops the Secure attribute (for http:// development).
	Insecure bool
	// AllowScripts drops HttpOnly.
	AllowScripts bool
	// SameSite is "strict" (default), "lax" or "none".
	SameSite string
}

// IdentityTypes are the identity type ids (the reference's
// identity.typeIds), compared with an identity's typeId.
type IdentityTypes struct {
	Admin   string // default "100"
	Guest   string // default "000"
	Regular string // default "001"
}

// OrganizationRoles are the organization role values (the reference's
// organization.roles). Ranks are member < admin < owner.
type OrganizationRoles struct {
	Owner  string // default "owner"
	Admin  string // default "admin"
	Member string // default "member"
}

// ID returns the configured type id of an identity type name: "admin",
// "guest" or "regular" (the reference's typeIds keys); "" for another name.
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
// "member" (the reference's organization.roles keys); "" for another name.
// Validators take names; members store values.
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

// Defaults returns c with every unset field set to the reference's default.
func (c Config) Defaults() Config {
	if c.AuthMode == "" {
		c.AuthMode = AuthBearer
	}
	c.AccessTokenLifetime = orDuration(c.AccessTokenLifetime, 15*time.Minute)
	c.RefreshTokenLifetime = orDuration(c.RefreshTokenLifetime, 48*time.Hour)
	c.OneTimeTokenLifetime = orDuration(c.OneTimeTokenLifetime, 5*time.Minute)
	c.FileURLExpiry = orDuration(c.FileURLExpiry, 900*time.Second)
	c.BodyReadTimeout = orDuration(c.BodyReadTimeout, 30*time.Second)
	if c.MaxFailedLoginAttempts == 0 {
		c.MaxFailedLoginAttempts = 5
	}
	if c.Cookie.Path == "" {
		c.Cookie.Path = "/"
	}
	if c.Cookie.SameSite == "" {
		c.Cookie.SameSite = "strict"
	}
	t := &c.IdentityTypes
	t.Admin, t.Guest, t.Regular = orString(t.Admin, "100"), orString(t.Guest, "000"), orString(t.Regular, "001")
	ro := &c.OrganizationRoles
	ro.Owner, ro.Admin, ro.Member = orString(ro.Owner, "owner"), orString(ro.Admin, "admin"), orString(ro.Member, "member")
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

package routes

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

// Register is POST /auth/register {email, password} (both strings, both
// required, no other property: in particular no typeId): it creates an
// identity without a type and answers 201 with an empty body; 422 `unable
// to register "<email>"` when the e-mail is taken.
var Register = primitives.Route{
	Name:   "register",
	Method: http.MethodPost,
	Path:   "/auth/register",
	Schema: &schema.Request{
		Body: schema.Object(
			schema.Prop("email", schema.String()),
			schema.Prop("password", schema.String()),
		).Required("email", "password"),
	},
	Handler: primitives.Handle(register, terminators.Empty(http.StatusCreated, authErrors)),
	Setup:   []*primitives.Setup{SetupAuth},
}

type registerBody struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func register(r *primitives.Request) mo.Result[*blocks.Identity] {
	s := r.Service
	return primitives.Then(primitives.Bind[registerBody](r), func(b registerBody) mo.Result[*blocks.Identity] {
		in := blocks.NewIdentity{Email: b.Email, Password: b.Password}
		return primitives.Trace(r, "CreateIdentity", blocks.CreateIdentity(r.Context(), nodeblocks.Identities(s), in, s.Now(), s.ID))
	})
}

// Login is POST /auth/login {email, password, fingerprint?}: it checks the
// credentials (locking the identity after nodeblocks.Config.MaxFailedLoginAttempts
// failures) and starts a session: 200 {accessToken, id, refreshToken} in
// bearer mode, 200 {id} plus both cookies in cookie mode, with
// Cache-Control: no-store.
//
// A lock or delete of the identity concurrent with the login wins: the
// login never clears locked, and after storing its refresh token it reads
// the identity again (blocks.ConfirmSession); locked → 401 "This account
// is locked", gone → 401 "wrong credentials provided", the session
// revoked.
var Login = primitives.Route{
	Name:   "login",
	Method: http.MethodPost,
	Path:   "/auth/login",
	Schema: &schema.Request{
		Body: schema.Object(
			schema.Prop("email", schema.String()),
			schema.Prop("password", schema.String()),
			schema.Prop("fingerprint", schema.String()),
		).Required("email", "password"),
	},
	Handler: primitives.Handle(login, terminators.JSON(http.StatusOK, authErrors)),
	Setup:   []*primitives.Setup{SetupAuth},
}

type loginBody struct {
	Email       string  `json:"email"`
	Password    string  `json:"password"`
	Fingerprint *string `json:"fingerprint"`
}

// sessionAnswer is the body of login and refresh: the tokens in bearer
// mode, only the identity id (login) in cookie mode.
type sessionAnswer struct {
	AccessToken  string `json:"accessToken,omitempty"`
	ID           string `json:"id,omitempty"`
	RefreshToken string `json:"refreshToken,omitempty"`
}

func login(r *primitives.Request) mo.Result[sessionAnswer] {
	s := r.Service
	noStore(r)
	b, err := primitives.Bind[loginBody](r).Get()
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	creds := blocks.Credentials{Email: b.Email, Password: b.Password}
	idn, err := primitives.Trace(r, "Login", blocks.Login(r.Context(), nodeblocks.Identities(s), creds, nodeblocks.Settings.Of(s).MaxFailedLoginAttempts, s.Now())).Get()
	logLockout(r, err)
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	origin := blocks.RequestOrigin(r.HTTP)
	origin.Fingerprint = valueOrEmpty(b.Fingerprint) // at login, from the body
	// The reference records the Host header (port included) at login and
	// req.hostname (no port) at refresh; the claim is never checked.
	req := blocks.SessionRequest{IdentityID: idn.ID, Origin: origin, Domain: r.HTTP.Host, StoredFingerprint: b.Fingerprint}
	ses, err := startConfirmedSession(r, req, blocks.LoginRefusal()).Get()
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	if nodeblocks.Settings.Of(s).AuthMode == nodeblocks.AuthCookie {
		setTokenCookies(r, ses)
		return mo.Ok(sessionAnswer{ID: ses.IdentityID})
	}
	return mo.Ok(sessionAnswer{AccessToken: ses.AccessToken, ID: ses.IdentityID, RefreshToken: ses.RefreshToken})
}

// logLockout logs, once per lockout, that a failed login locked an
// identity: a security event operators want to see.
func logLockout(r *primitives.Request, err error) {
	var locked *blocks.LockedNow
	if errors.As(err, &locked) {
		r.Service.Logger.LogAttrs(r.Context(), slog.LevelWarn, "identity locked after too many failed logins",
			slog.String("identityId", locked.IdentityID))
	}
}

// refreshTokenSchema is the body of logout and refresh. Whether
// refreshToken is required (bearer mode) or forbidden (cookie mode)
// depends on the service's AuthMode, which the handler checks after this
// schema (refreshTokenBody).
var refreshTokenSchema = schema.Object(schema.Prop("refreshToken", schema.String()))

// Logout is POST /auth/logout {refreshToken} (bearer) or {} with the
// refreshToken cookie (cookie mode; in bearer mode the cookie is ignored):
// it clears the cookies and revokes the caller's refresh token; 204. No
// valid refresh token → 204 without revoking; another identity's → 401.
// The access token stays valid until it expires.
var Logout = primitives.Route{
	Name:       "logout",
	Method:     http.MethodPost,
	Path:       "/auth/logout",
	Validators: []primitives.Validator{validators.IsAuthenticated},
	Schema:     &schema.Request{Body: refreshTokenSchema},
	Handler:    primitives.Handle(logout, terminators.Empty(http.StatusNoContent, authErrors)),
	Setup:      []*primitives.Setup{SetupAuth},
}

func logout(r *primitives.Request) mo.Result[string] {
	s := r.Service
	noStore(r) // it sets (expired) token cookies
	body, err := refreshTokenBody(r).Get()
	if err != nil {
		return mo.Err[string](err)
	}
	clearTokenCookies(r)
	p, err := validators.Principal(r).Get() // memoized by IsAuthenticated
	if err != nil {
		return mo.Err[string](err)
	}
	found, err := blocks.ResolveRefreshToken(authCodec(s), refreshCandidates(r, body), blocks.RequestOrigin(r.HTTP), s.Now()).Get()
	if err != nil {
		return mo.Err[string](err)
	}
	c, ok := found.Get()
	switch {
	case !ok:
		return mo.Ok("")
	case c.IdentityID != p.IdentityID:
		return mo.Err[string](blocks.ErrRefreshIdentityMismatch)
	}
	return primitives.Trace(r, "RevokeRefreshToken", blocks.RevokeRefreshToken(r.Context(), nodeblocks.RefreshTokens(s), c.JTI, s.Now()))
}

// RefreshToken is POST /auth/token/refresh {refreshToken} (bearer; the
// cookie is ignored) or {} with the refreshToken cookie (cookie mode): it
// rotates the refresh token and issues new tokens: 200 {accessToken,
// refreshToken} in bearer mode, 204 with both cookies in cookie mode. The
// old token is retired: presenting it again (or a revoked one) is 401
// "refresh token reuse detected" and revokes every live refresh token of
// the identity, the one issued in exchange included (logged at warn
// level). Answers carry Cache-Control: no-store.
//
// The identity must still exist and not be locked: after storing the new
// refresh token, refresh reads the identity again (blocks.ConfirmSession)
// and, when it is locked or gone, revokes that token and answers 401
// "refresh token reuse detected", the answer a refresh gets after the
// lock's or delete's revocation, so nothing issued concurrently with a
// lock or delete survives it.
var RefreshToken = primitives.Route{
	Name:    "refreshToken",
	Method:  http.MethodPost,
	Path:    "/auth/token/refresh",
	Schema:  &schema.Request{Body: refreshTokenSchema},
	Handler: primitives.Handle(refreshToken, sessionTerminator),
	Setup:   []*primitives.Setup{SetupAuth},
}

func refreshToken(r *primitives.Request) mo.Result[sessionAnswer] {
	s := r.Service
	noStore(r)
	origin := blocks.RequestOrigin(r.HTTP)
	body, err := refreshTokenBody(r).Get()
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	found, err := blocks.ResolveRefreshToken(authCodec(s), refreshCandidates(r, body), origin, s.Now()).Get()
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	old, err := requireSome(found, blocks.ErrRefreshTokenNotFound).Get()
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	row, err := primitives.Trace(r, "RetireRefreshToken", blocks.RetireRefreshToken(r.Context(), nodeblocks.RefreshTokens(s), old, s.Now())).Get()
	if errors.Is(err, blocks.ErrRefreshTokenReuse) {
		s.Logger.LogAttrs(r.Context(), slog.LevelWarn, "refresh token reuse detected: every session of the identity revoked",
			slog.String("identityId", old.IdentityID))
	}
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	req := blocks.SessionRequest{IdentityID: row.IdentityID, Origin: origin, Domain: requestHostname(r.HTTP), StoredFingerprint: headerPtr(r.HTTP, blocks.FingerprintHeader)}
	ses, err := startConfirmedSession(r, req, blocks.RefreshRefusal()).Get()
	if err != nil {
		return mo.Err[sessionAnswer](err)
	}
	if nodeblocks.Settings.Of(s).AuthMode == nodeblocks.AuthCookie {
		setTokenCookies(r, ses)
		return mo.Ok(sessionAnswer{})
	}
	return mo.Ok(sessionAnswer{AccessToken: ses.AccessToken, RefreshToken: ses.RefreshToken})
}

// sessionTerminator answers a refresh: 200 with the tokens in bearer mode,
// 204 (the tokens are in the cookies) in cookie mode.
var sessionTerminator = primitives.TerminatorFunc(func(r *primitives.Request, v any, err error) {
	if nodeblocks.Settings.Of(r.Service).AuthMode == nodeblocks.AuthCookie {
		terminators.Empty(http.StatusNoContent, authErrors).Terminate(r, v, err)
		return
	}
	terminators.JSON(http.StatusOK, authErrors).Terminate(r, v, err)
})

// CheckToken is POST /auth/token/check {token, target?}: 200
// {"identityId"} for a user access token passing the security check, 200
// with the token's data for a one-time token of that target (consumed);
// 400 for tokens that do not verify, fail the check or target something
// else, 401 for every other token. An access token whose identity is
// locked is 401 "This account is locked", one whose identity is gone 401
// "Token failed validation" (the reference answered 200 until the token
// expired). Answers carry Cache-Control: no-store.
var CheckToken = primitives.Route{
	Name:   "checkToken",
	Method: http.MethodPost,
	Path:   "/auth/token/check",
	Schema: &schema.Request{
		Body: schema.Object(
			schema.Prop("token", schema.String()),
			schema.Prop("target", schema.String()),
		).Required("token"),
	},
	Handler: primitives.Handle(checkToken, terminators.JSON(http.StatusOK, authErrors)),
	Setup:   []*primitives.Setup{SetupAuth},
}

type checkTokenBody struct {
	Token  string `json:"token"`
	Target string `json:"target"`
}

func checkToken(r *primitives.Request) mo.Result[blocks.TokenInfo] {
	s := r.Service
	noStore(r)
	b, err := primitives.Bind[checkTokenBody](r).Get()
	if err != nil {
		return mo.Err[blocks.TokenInfo](err)
	}
	info, err := primitives.Trace(r, "CheckToken", blocks.CheckToken(r.Context(), nodeblocks.OneTimeTokens(s), authCodec(s), blocks.RequestOrigin(r.HTTP), b.Token, b.Target, s.Now())).Get()
	if err != nil {
		return mo.Err[blocks.TokenInfo](err)
	}
	return primitives.Trace(r, "CheckTokenIdentity", blocks.CheckTokenIdentity(r.Context(), nodeblocks.Identities(s), info))
}

// startConfirmedSession starts a session (blocks.StartSession) and
// confirms it against the identity's current state
// (blocks.ConfirmSession), refusing it as refuse says when the identity
// was locked or deleted meanwhile.
func startConfirmedSession(r *primitives.Request, req blocks.SessionRequest, refuse blocks.SessionRefusal) mo.Result[blocks.Session] {
	s := r.Service
	ses := primitives.Trace(r, "StartSession", blocks.StartSession(r.Context(), nodeblocks.RefreshTokens(s), authCodec(s), req, authLifetimes(s), s.Now()))
	return primitives.Then(ses, func(ses blocks.Session) mo.Result[blocks.Session] {
		return primitives.Trace(r, "ConfirmSession", blocks.ConfirmSession(r.Context(), nodeblocks.Identities(s), nodeblocks.RefreshTokens(s), ses, refuse, s.Now()))
	})
}

// refreshCandidates are the refresh tokens of a request: the body's and,
// in cookie mode only, the refreshToken cookie. The reference reads
// req.cookies, which is undefined unless the app installs a cookie parser
// (the SDK does not), so in bearer mode a stale cookie must not count: it
// would turn a valid body token into 401 "token mismatch".
func refreshCandidates(r *primitives.Request, body string) blocks.RefreshCandidates {
	c := blocks.RefreshCandidates{Body: body}
	if nodeblocks.Settings.Of(r.Service).AuthMode == nodeblocks.AuthCookie {
		c.Cookie = blocks.CookieValue(r.HTTP, blocks.RefreshTokenCookie)
	}
	return c
}

// requireSome turns an Option into a Result, err standing for None.
func requireSome[T any](o mo.Option[T], err error) mo.Result[T] {
	if v, ok := o.Get(); ok {
		return mo.Ok(v)
	}
	return mo.Err[T](err)
}

func valueOrEmpty(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

package token

// Origin holds the request facts a user token is bound to: captured when the
// token is issued, compared with the current request when it is used, so a
// token stolen from one client is harder to replay from another.
//
// Fingerprint is the client's x-nb-fingerprint header (at login: the body
// field fingerprint), IP the client address as the server sees it (Express
// req.ip), UserAgent the User-Agent header. Absent values are "".
type Origin struct {
	Fingerprint string
	IP          string
	UserAgent   string
}

// PassesSecurityCheck reports whether the request origin o may use the token
// with claims c (the reference's tokenPassesSecurityCheck). The fingerprint
// must match exactly. When checkIP is set, the token is refused only if both
// the IP and the User-Agent changed: a roaming client (new IP, same browser)
// or an updated browser (same IP) keeps its session.
//
// It applies to user access and refresh tokens; app access tokens carry no
// origin and are accepted without this check.
func PassesSecurityCheck(c Claims, o Origin, checkIP bool) bool {
	if c.Fingerprint != o.Fingerprint {
		return false
	}
	if checkIP && c.IP != o.IP && c.UserAgent != o.UserAgent {
		return false
	}
	return true
}

package token

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Default lifetimes of the reference's authService (accessTokenSignOptions,
// refreshTokenSignOptions, onetimeTokenSignOptions).
const (
	DefaultAccessLifetime  = 15 * time.Minute
	DefaultRefreshLifetime = 2 * 24 * time.Hour
	DefaultOnetimeLifetime = 5 * time.Minute
)

// msPattern is vercel/ms's grammar (v2, the version jsonwebtoken uses).
var msPattern = regexp.MustCompile(`(?i)^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$`)

// msUnits maps a lower-cased unit to milliseconds, as vercel/ms does (a year
// is 365.25 days; no unit means milliseconds).
var msUnits = map[string]float64{
	"": 1, "ms": 1, "msec": 1, "msecs": 1, "millisecond": 1, "milliseconds": 1,
	"s": 1e3, "sec": 1e3, "secs": 1e3, "second": 1e3, "seconds": 1e3,
	"m": 6e4, "min": 6e4, "mins": 6e4, "minute": 6e4, "minutes": 6e4,
	"h": 36e5, "hr": 36e5, "hrs": 36e5, "hour": 36e5, "hours": 36e5,
	"d": 864e5, "day": 864e5, "days": 864e5,
	"w": 6048e5, "week": 6048e5, "weeks": 6048e5,
	"y": 315576e5, "yr": 315576e5, "yrs": 315576e5, "year": 315576e5, "years": 315576e5,
}

// ParseLifetime parses a lifetime string of the reference's configuration
// ("15m", "2d", "1.5h", "30 seconds") exactly as vercel/ms does, so a
// configuration means the same here as there. Note that, as in ms, a bare
// number string counts milliseconds: "60" is 60ms, not a minute. Numbers in
// JSON configuration count seconds instead; see [Lifetime].
func ParseLifetime(s string) (time.Duration, error) {
	if s == "" || len(s) > 100 {
		return 0, fmt.Errorf("token: invalid lifetime %q", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 { // ms's /i is ASCII-only; Go's would fold 'ſ' to 's'
			return 0, fmt.Errorf("token: invalid lifetime %q", s)
		}
	}
	m := msPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("token: invalid lifetime %q", s)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("token: invalid lifetime %q", s)
	}
	return msToDuration(n*msUnits[strings.ToLower(m[2])], s)
}

func msToDuration(ms float64, src string) (time.Duration, error) {
	ns := math.Round(ms * 1e6)
	if math.IsNaN(ns) || ns >= math.MaxInt64 || ns <= math.MinInt64 {
		return 0, fmt.Errorf("token: lifetime %q out of range", src)
	}
	return time.Duration(ns), nil
}

// Expiry returns the exp claim of a token issued at iat (Unix seconds) with
// the given lifetime, rounded down to whole seconds exactly as jsonwebtoken
// computes Math.floor(iat + ms / 1000).
func Expiry(iat int64, lifetime time.Duration) int64 {
	return int64(math.Floor(float64(iat) + lifetime.Seconds()))
}

// Lifetime is a token lifetime as the reference's JSON configuration gives
// it (expiresIn, cookie maxAge): a string is parsed by [ParseLifetime], a
// number counts whole seconds. It lets configuration structs decode either
// form without caring which one an operator wrote.
type Lifetime time.Duration

// Duration returns l as a time.Duration.
func (l Lifetime) Duration() time.Duration { return time.Duration(l) }

// UnmarshalJSON accepts "15m"-style strings and integral numbers of seconds,
// and rejects everything jsonwebtoken would reject as expiresIn.
func (l *Lifetime) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		d, err := ParseLifetime(s)
		if err != nil {
			return err
		}
		*l = Lifetime(d)
		return nil
	}
	var n float64
	if err := json.Unmarshal(b, &n); err != nil || bytes.Equal(b, []byte("null")) || n != math.Trunc(n) {
		return fmt.Errorf("token: lifetime %s is neither a timespan string nor a whole number of seconds", b)
	}
	d, err := msToDuration(n*1e3, string(b))
	if err != nil {
		return err
	}
	*l = Lifetime(d)
	return nil
}

package token

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseLifetime(t *testing.T) {
	// Expected values are vercel/ms's.
	for in, want := range map[string]time.Duration{
		"15m":        15 * time.Minute,
		"2d":         48 * time.Hour,
		"5m":         5 * time.Minute,
		"1h":         time.Hour,
		"30s":        30 * time.Second,
		"100":        100 * time.Millisecond, // a bare number is milliseconds in ms
		"100ms":      100 * time.Millisecond,
		"1.5h":       90 * time.Minute,
		".5s":        500 * time.Millisecond,
		"-1m":        -time.Minute,
		"-.5d":       -12 * time.Hour,
		"1 s":        time.Second,
		"1   s":      time.Second,
		"10 Minutes": 10 * time.Minute,
		"2HRS":       2 * time.Hour,
		"1hr":        time.Hour,
		"3 msecs":    3 * time.Millisecond,
		"1w":         7 * 24 * time.Hour,
		"2 weeks":    14 * 24 * time.Hour,
		"1y":         time.Duration(365.25 * 24 * float64(time.Hour)),
		"1 yr":       time.Duration(365.25 * 24 * float64(time.Hour)),
		"007s":       7 * time.Second,
	} {
		got, err := ParseLifetime(in)
		if err != nil || got != want {
			t.Errorf("ParseLifetime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{
		"", " 1s", "1s ", "1.", "1.s", "abc", "1e3", "5 mo", "1m1s", "+1s", "--1s", "1\ts", "1_000",
		"5ſ", // Go's (?i) would fold it to "s"; ms's does not
		strings.Repeat("1", 101), "9999999999y",
	} {
		if d, err := ParseLifetime(in); err == nil {
			t.Errorf("ParseLifetime(%q) = %v, want error", in, d)
		}
	}
}

func TestExpiry(t *testing.T) {
	// jsonwebtoken: Math.floor(iat + ms/1000).
	for _, tc := range []struct {
		lifetime time.Duration
		want     int64
	}{
		{15 * time.Minute, 1900},
		{1500 * time.Millisecond, 1001},
		{999 * time.Millisecond, 1000},
		{100 * time.Millisecond, 1000}, // expiresIn "100": an instantly expired token
		{0, 1000},
		{-time.Minute, 940},
		{-1500 * time.Millisecond, 998},
	} {
		if got := Expiry(1000, tc.lifetime); got != tc.want {
			t.Errorf("Expiry(1000, %v) = %d, want %d", tc.lifetime, got, tc.want)
		}
	}
}

func TestLifetimeJSON(t *testing.T) {
	for in, want := range map[string]time.Duration{
		`"15m"`: 15 * time.Minute,
		`900`:   15 * time.Minute, // numbers count seconds
		`"900"`: 900 * time.Millisecond,
		` 60 `:  time.Minute,
	} {
		var l Lifetime
		if err := json.Unmarshal([]byte(in), &l); err != nil || l.Duration() != want {
			t.Errorf("Lifetime(%s) = %v, %v; want %v", in, l.Duration(), err, want)
		}
	}
	for _, in := range []string{`1.5`, `null`, `true`, `""`, `"soon"`, `{}`, `1e300`} {
		var l Lifetime
		if err := json.Unmarshal([]byte(in), &l); err == nil {
			t.Errorf("Lifetime(%s) = %v, want error", in, l.Duration())
		}
	}
	var cfg struct {
		Access Lifetime `json:"expiresIn"`
	}
	if err := json.Unmarshal([]byte(`{"expiresIn":"2d"}`), &cfg); err != nil || cfg.Access.Duration() != DefaultRefreshLifetime {
		t.Errorf("in a struct: %v %v", cfg.Access.Duration(), err)
	}
}

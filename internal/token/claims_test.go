package token

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestAppendStringMatchesJSONStringify(t *testing.T) {
	// Expected outputs are JSON.stringify's (Node): no HTML escaping,
	// lower-case \u00XX, short escapes where JSON has them.
	for in, want := range map[string]string{
		"":                    `""`,
		"plain":               `"plain"`,
		`quote" back\`:        `"quote\" back\\"`,
		"\b\f\n\r\t":          `"\b\f\n\r\t"`,
		"\x00\x01\x1f\x7f":    "\"\\u0000\\u0001\\u001f\x7f\"",
		"<a href='x'>&</a>":   `"<a href='x'>&</a>"`,
		"é 日本 😀 \u2028\u2029": "\"é 日本 😀 \u2028\u2029\"",
		"bad \xff utf8":       "\"bad \uFFFD utf8\"",
	} {
		if got := string(appendString(nil, in)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", in, got, want)
		}
		var back string
		if err := json.Unmarshal(appendString(nil, in), &back); err != nil {
			t.Errorf("appendString(%q) is not JSON: %v", in, err)
		}
	}
}

func TestOnetimeDataIsCompacted(t *testing.T) {
	c := NewOnetime("invitation", json.RawMessage(" {\n \"a b\" : [1, \"x \\\" y\"] }\n"), Origin{}, "d").
		Stamp(testNow, time.Minute)
	// Not json.Marshal: it would compact the output itself.
	b, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"data":{"a b":[1,"x \" y"]},`; !strings.HasPrefix(string(b), want) {
		t.Errorf("got %s, want prefix %s", b, want)
	}
	tok, err := mustCodec(t, testSecrets).Issue(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, payload, _ := specOpen(t, testSecrets, tok); !strings.HasPrefix(payload, `{"data":{"a b":[1,"x \" y"]},`) {
		t.Errorf("issued payload %s", payload)
	}
	c.Data = nil
	b, _ = c.MarshalJSON()
	if strings.Contains(string(b), "data") {
		t.Errorf("nil data was written: %s", b)
	}
}

func TestConstructors(t *testing.T) {
	r1, r2 := NewRefresh("id", testOrigin, testDomain), NewRefresh("id", testOrigin, testDomain)
	if u, err := uuid.Parse(r1.JTI); err != nil || u.Version() != 4 {
		t.Errorf("jti %q is not a UUID v4", r1.JTI)
	}
	if r1.JTI == r2.JTI {
		t.Error("two refresh tokens share a jti")
	}
	if !r1.Stateful || NewUserAccess("id", testOrigin, testDomain).Stateful || !NewOnetime("t", nil, testOrigin, "").Stateful {
		t.Error("stateful flags differ from the reference (user access false, refresh and one-time true)")
	}
	u := NewUserAccess("id", testOrigin, testDomain)
	if u.Fingerprint != testOrigin.Fingerprint || u.IP != testOrigin.IP || u.UserAgent != testOrigin.UserAgent {
		t.Errorf("origin not captured: %+v", u)
	}
}

func TestStamp(t *testing.T) {
	now := time.Unix(1000, 999_999_999)
	c := NewUserAccess("id", Origin{}, "").Stamp(now, 90*time.Second+500*time.Millisecond)
	if c.IssuedAt != 1000 || c.ExpiresAt != 1090 {
		t.Errorf("iat %d exp %d, want 1000 1090", c.IssuedAt, c.ExpiresAt)
	}
}

func TestUnmarshalTimeClaims(t *testing.T) {
	var c Claims
	if err := json.Unmarshal([]byte(`{"type":"access","iat":5,"exp":7}`), &c); err != nil || c.IssuedAt != 5 || c.ExpiresAt != 7 {
		t.Errorf("%+v %v", c, err)
	}
	for _, bad := range []string{`{"exp":null}`, `{"exp":"7"}`, `{"exp":1.5}`, `{"nbf":true}`} {
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

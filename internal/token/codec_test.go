package token

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	testNow    = time.Unix(1795306296, 0)
	testOrigin = Origin{Fingerprint: "fp-1", IP: "203.0.113.7", UserAgent: "agent/1.0"}
	testDomain = "api.example.test"
)

// sampleClaims returns one token of each kind, with the keys the reference
// issues for it, in its order.
func sampleClaims() []struct {
	name   string
	claims Claims
	keys   string
} {
	withTarget := NewUserAccess("id-1", testOrigin, testDomain)
	withTarget.Target = "some-target"
	refresh := NewRefresh("id-1", testOrigin, testDomain)
	return []struct {
		name   string
		claims Claims
		keys   string
	}{
		{"user access", NewUserAccess("id-1", testOrigin, testDomain).Stamp(testNow, DefaultAccessLifetime),
			"accessType domain fingerprint identityId ip stateful type userAgent iat exp"},
		{"user access with target", withTarget.Stamp(testNow, DefaultAccessLifetime),
			"accessType domain fingerprint identityId ip stateful target type userAgent iat exp"},
		{"app access", func() Claims { c := NewAppAccess("app-1"); c.IssuedAt = testNow.Unix(); return c }(),
			"accessType appId type iat"},
		{"refresh", refresh.Stamp(testNow, DefaultRefreshLifetime),
			"domain fingerprint identityId ip jti stateful type userAgent iat exp"},
		{"one-time", NewOnetime("invitation", json.RawMessage(`{"invitationId":"inv-1"}`), testOrigin, testDomain).
			Stamp(testNow, DefaultOnetimeLifetime),
			"data domain fingerprint ip stateful target type userAgent iat exp"},
	}
}

// TestIssueFollowsSpec opens issued tokens step by step with the standard
// library (helpers_test.go), then checks header, key order and round trip.
func TestIssueFollowsSpec(t *testing.T) {
	c := mustCodec(t, testSecrets)
	for _, tc := range sampleClaims() {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := c.Issue(tc.claims)
			if err != nil {
				t.Fatal(err)
			}
			header, payload, _ := specOpen(t, testSecrets, tok)
			if header != `{"alg":"HS256","typ":"JWT"}` {
				t.Errorf("header %s", header)
			}
			if got := strings.Join(topLevelKeys(t, payload), " "); got != tc.keys {
				t.Errorf("keys\n got %s\nwant %s", got, tc.keys)
			}
			got, err := c.Verify(tok, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.claims) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, tc.claims)
			}
		})
	}
}

func TestIssueUsesFreshIV(t *testing.T) {
	c := mustCodec(t, testSecrets)
	cl := sampleClaims()[0].claims
	a, _ := c.Issue(cl)
	b, _ := c.Issue(cl)
	if a == b || a[:32] == b[:32] {
		t.Fatalf("two issues share an iv:\n%s\n%s", a, b)
	}
}

func TestIssueRejectsClaimsTheReferenceCannotIssue(t *testing.T) {
	c := mustCodec(t, testSecrets)
	noExp := NewUserAccess("id", testOrigin, testDomain)
	noExp.IssuedAt = testNow.Unix()
	badData := NewOnetime("t", json.RawMessage(`{"a":`), testOrigin, testDomain).Stamp(testNow, time.Minute)
	for name, cl := range map[string]Claims{
		"unknown type":         {Type: "bearer", IssuedAt: 1, ExpiresAt: 2},
		"zero claims":          {},
		"user access no exp":   noExp,
		"refresh no exp":       {Type: TypeRefresh, IssuedAt: 1},
		"invalid onetime data": badData,
	} {
		if tok, err := c.Issue(cl); err == nil {
			t.Errorf("%s: issued %s", name, tok)
		}
	}
}

// TestVerifyAlwaysChecksExpiry: tokens are valid strictly before exp.
func TestVerifyExpiry(t *testing.T) {
	c := mustCodec(t, testSecrets)
	cl := NewUserAccess("id", testOrigin, testDomain).Stamp(testNow, time.Minute)
	tok, _ := c.Issue(cl)
	exp := time.Unix(cl.ExpiresAt, 0)
	if _, err := c.Verify(tok, exp.Add(-time.Second)); err != nil {
		t.Errorf("a second before exp: %v", err)
	}
	for _, at := range []time.Time{exp, exp.Add(time.Millisecond), exp.Add(time.Hour)} {
		if _, err := c.Verify(tok, at); !errors.Is(err, ErrInvalid) || !errors.Is(err, errExpired) {
			t.Errorf("at %v: %v, want expired", at, err)
		}
	}
	// A negative lifetime yields an expired token, as in the reference.
	old, _ := c.Issue(cl.Stamp(testNow, -time.Minute))
	if _, err := c.Verify(old, testNow); !errors.Is(err, errExpired) {
		t.Errorf("negative lifetime: %v", err)
	}
	// App tokens carry no exp and never expire.
	app := NewAppAccess("app")
	app.IssuedAt = testNow.Unix()
	at, _ := c.Issue(app)
	if _, err := c.Verify(at, testNow.AddDate(500, 0, 0)); err != nil {
		t.Errorf("app token: %v", err)
	}
}

// TestVerifyRejects covers every way a token can be wrong.
func TestVerifyRejects(t *testing.T) {
	c := mustCodec(t, testSecrets)
	good, err := c.Issue(sampleClaims()[0].claims)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := c.Issue(sampleClaims()[3].claims)
	payload := `{"accessType":"user","domain":"d","fingerprint":"","identityId":"id","ip":"1.2.3.4","stateful":false,"type":"access","userAgent":"ua","iat":1795306296,"exp":4948906296}`
	sealed := func(header string, sign func([]byte) []byte) string {
		return specSeal(testSecrets, specJWS(header, payload, sign))
	}
	hs512 := func(in []byte) []byte {
		m := hmac.New(sha512.New, []byte(testSecrets.Sign))
		m.Write(in)
		return m.Sum(nil)
	}
	empty := func([]byte) []byte { return nil }

	// Positive control: the same construction with a legitimate (if
	// unusually ordered) HS256 header verifies, so the rejections below are
	// owed to the algorithm alone.
	if _, err := c.Verify(sealed(`{"typ":"JWT","alg":"HS256"}`, hs256(testSecrets.Sign)), testNow); err != nil {
		t.Fatalf("hand-made HS256 token: %v", err)
	}

	cases := map[string]struct {
		token string
		want  error
	}{
		"empty":               {"", errMalformed},
		"no colon":            {strings.Replace(good, ":", "", 1), errMalformed},
		"two colons":          {good + ":00", errMalformed},
		"non-hex iv":          {"zz" + good[2:], errMalformed},
		"non-hex ciphertext":  {good[:len(good)-2] + "zz", errMalformed},
		"short iv":            {good[2:], errMalformed},
		"odd ciphertext":      {good[:len(good)-1], errMalformed},
		"truncated block":     {good[:len(good)-2], errMalformed},
		"empty ciphertext":    {good[:33], errMalformed},
		"garbage":             {"Bearer garbage", errMalformed},
		"swapped iv":          {other[:32] + good[32:], ErrInvalid},
		"dropped last block":  {good[:len(good)-32], ErrInvalid},
		"alg none unsigned":   {sealed(`{"alg":"none","typ":"JWT"}`, empty), errAlgorithm},
		"alg none re-signed":  {sealed(`{"alg":"none","typ":"JWT"}`, hs256(testSecrets.Sign)), errAlgorithm},
		"alg HS512 re-signed": {sealed(`{"alg":"HS512","typ":"JWT"}`, hs512), errAlgorithm},
		"alg hs256 lower":     {sealed(`{"alg":"hs256","typ":"JWT"}`, hs256(testSecrets.Sign)), errAlgorithm},
		"alg missing":         {sealed(`{"typ":"JWT"}`, hs256(testSecrets.Sign)), errAlgorithm},
		"alg duplicate":       {sealed(`{"alg":"HS256","alg":"none"}`, hs256(testSecrets.Sign)), errAlgorithm},
		"header not JSON":     {sealed(`HS256`, hs256(testSecrets.Sign)), errAlgorithm},
		"signed with other key": {
			sealed(`{"alg":"HS256","typ":"JWT"}`, hs256("some-other-signing-secret")), errSignature},
		"not a JWS":        {specSeal(testSecrets, "hello"), errStructure},
		"JWS of 4 parts":   {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, payload, hs256(testSecrets.Sign))+".x"), errSignature},
		"empty payload":    {specSeal(testSecrets, hs256Header+"..sig"), errStructure},
		"payload not JSON": {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, `nope`, hs256(testSecrets.Sign))), errClaims},
		"payload null":     {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, `null`, hs256(testSecrets.Sign))), errClaims},
		"payload with newline": {specSeal(testSecrets, func() string {
			// Signed correctly, but "\n" is outside the JWS alphabet (Go's
			// base64 decoder would skip it; the jws package refuses it).
			in := hs256Header + ".eyJ0eXBlIjoi\nYWNjZXNzIn0"
			return in + "." + base64.RawURLEncoding.EncodeToString(hs256(testSecrets.Sign)([]byte(in)))
		}()), errStructure},
		"payload array":   {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, `[1]`, hs256(testSecrets.Sign))), errClaims},
		"exp is a string": {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, `{"type":"access","exp":"4948906296"}`, hs256(testSecrets.Sign))), errClaims},
		"exp is zero":     {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, `{"type":"access","exp":0}`, hs256(testSecrets.Sign))), errExpired},
		"nbf in future":   {specSeal(testSecrets, specJWS(`{"alg":"HS256","typ":"JWT"}`, `{"type":"access","nbf":4948906296}`, hs256(testSecrets.Sign))), errNotBefore},
	}
	for name, tc := range cases {
		_, err := c.Verify(tc.token, testNow)
		if !errors.Is(err, ErrInvalid) || !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", name, err, tc.want)
		}
	}
}

// TestVerifyRejectsEveryBitFlip flips every hex digit of a token in turn.
// CBC is malleable, so each flip must be caught by the padding or the HMAC.
func TestVerifyRejectsEveryBitFlip(t *testing.T) {
	c := mustCodec(t, testSecrets)
	good, _ := c.Issue(sampleClaims()[4].claims)
	for i := range len(good) {
		if good[i] == ':' {
			continue
		}
		for _, bit := range []byte{1, 8} {
			v, _ := hex.DecodeString("0" + good[i:i+1])
			flipped := good[:i] + hex.EncodeToString([]byte{v[0] ^ bit})[1:] + good[i+1:]
			if _, err := c.Verify(flipped, testNow); !errors.Is(err, ErrInvalid) {
				t.Fatalf("flip of bit %d at %d verified (err %v)", bit, i, err)
			}
		}
	}
}

func TestUnpad(t *testing.T) {
	block := func(tail ...byte) []byte {
		b := make([]byte, 32)
		for i := range b {
			b[i] = 'x'
		}
		copy(b[32-len(tail):], tail)
		return b
	}
	full := make([]byte, 16)
	for i := range full {
		full[i] = 16
	}
	for _, tc := range []struct {
		name string
		in   []byte
		n    int // bytes kept; -1 for invalid
	}{
		{"one byte", block(1), 31},
		{"three bytes", block(3, 3, 3), 29},
		{"full block", append(make([]byte, 16), full...), 16},
		{"zero", block(0), -1},
		{"seventeen", block(17), -1},
		{"inconsistent", block(2, 3, 3), -1},
		{"short run", block('x', 3, 3), -1},
		{"larger than block", append(make([]byte, 16), block(0xff)[16:]...), -1},
	} {
		got, ok := unpad(tc.in)
		if tc.n < 0 {
			if ok {
				t.Errorf("%s: accepted, kept %d bytes", tc.name, len(got))
			}
			continue
		}
		if !ok || len(got) != tc.n {
			t.Errorf("%s: ok=%v kept %d, want %d", tc.name, ok, len(got), tc.n)
		}
	}
}

func TestVerifyWrongSecrets(t *testing.T) {
	tok, _ := mustCodec(t, testSecrets).Issue(sampleClaims()[0].claims)
	wrongEnc := mustCodec(t, Secrets{Enc: "another-enc-secret-0123456789", Sign: testSecrets.Sign})
	if _, err := wrongEnc.Verify(tok, testNow); !errors.Is(err, ErrInvalid) {
		t.Errorf("wrong enc secret: %v", err)
	}
	wrongSign := mustCodec(t, Secrets{Enc: testSecrets.Enc, Sign: "another-sign-secret-0123456789"})
	if _, err := wrongSign.Verify(tok, testNow); !errors.Is(err, errSignature) {
		t.Errorf("wrong sign secret: %v, want bad signature", err)
	}
}

func TestVerifyAcceptsUpperCaseHex(t *testing.T) {
	// Node's Buffer.from(s, "hex") accepts upper case; so does Verify.
	c := mustCodec(t, testSecrets)
	tok, _ := c.Issue(sampleClaims()[0].claims)
	if _, err := c.Verify(strings.ToUpper(tok), testNow); err != nil {
		t.Errorf("upper-case token: %v", err)
	}
}

func TestShortSecrets(t *testing.T) {
	good, _ := mustCodec(t, testSecrets).Issue(sampleClaims()[0].claims)
	for _, s := range []Secrets{
		{},
		{Enc: strings.Repeat("e", 17), Sign: testSecrets.Sign},
		{Enc: testSecrets.Enc, Sign: strings.Repeat("s", 17)},
	} {
		c, err := NewCodec(s)
		if !errors.Is(err, ErrSecrets) || c != nil {
			t.Errorf("NewCodec(%d, %d chars) = %v, %v", len(s.Enc), len(s.Sign), c, err)
		}
		if strings.Contains(err.Error(), "eeeeeeeeeeeeeeeee") {
			t.Errorf("error leaks the secret: %v", err)
		}
		// The codec the caller ends up with behaves like the reference
		// with bad secrets: 401 on verify, 500 on issue.
		if _, err := c.Verify(good, testNow); !errors.Is(err, ErrInvalid) || !errors.Is(err, ErrSecrets) {
			t.Errorf("nil codec Verify: %v", err)
		}
		if _, err := c.Issue(sampleClaims()[0].claims); !errors.Is(err, ErrSecrets) {
			t.Errorf("nil codec Issue: %v", err)
		}
	}
	if _, err := NewCodec(Secrets{Enc: strings.Repeat("e", 18), Sign: strings.Repeat("s", 18)}); err != nil {
		t.Errorf("18-character secrets: %v", err)
	}
}

func TestCodecConcurrentUse(t *testing.T) {
	c := mustCodec(t, testSecrets)
	want := sampleClaims()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				tc := want[(g+i)%len(want)]
				tok, err := c.Issue(tc.claims)
				if err != nil {
					t.Error(err)
					return
				}
				got, err := c.Verify(tok, testNow)
				if err != nil || !reflect.DeepEqual(got, tc.claims) {
					t.Errorf("%s: %v %+v", tc.name, err, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestVerifyAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	c := mustCodec(t, testSecrets)
	junk := strings.Repeat("0", 32) + ":" + strings.Repeat("0", 64)
	if n := testing.AllocsPerRun(100, func() { c.Verify("deadbeef", testNow) }); n != 0 {
		t.Errorf("rejecting a malformed token allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { c.Verify(junk, testNow) }); n > 1 {
		t.Errorf("rejecting undecryptable junk allocates %v times", n)
	}
}

func BenchmarkVerify(b *testing.B) {
	c := mustCodec(b, testSecrets)
	tok, err := c.Issue(sampleClaims()[0].claims)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Verify(tok, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIssue(b *testing.B) {
	c := mustCodec(b, testSecrets)
	cl := sampleClaims()[0].claims
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Issue(cl); err != nil {
			b.Fatal(err)
		}
	}
}

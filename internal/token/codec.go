package token

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strings"
	"sync"
	"time"
)

// ErrInvalid is wrapped by every verification failure: malformed input, wrong
// secrets, bad padding, bad signature, unexpected algorithm, expiry. Callers
// need not tell them apart (the reference answers all of them with 401 and
// this very message) and must not: distinguishable decryption failures would
// hand an attacker a padding oracle.
var ErrInvalid = errors.New("token could not be verified")

// Reasons, preallocated so that rejecting junk costs no allocation.
var (
	errMalformed = fmt.Errorf("%w: not hex(iv):hex(ciphertext)", ErrInvalid)
	errDecrypt   = fmt.Errorf("%w: cannot decrypt", ErrInvalid)
	errStructure = fmt.Errorf("%w: not a compact JWS", ErrInvalid)
	errAlgorithm = fmt.Errorf("%w: algorithm is not HS256", ErrInvalid)
	errSignature = fmt.Errorf("%w: bad signature", ErrInvalid)
	errClaims    = fmt.Errorf("%w: undecodable claims", ErrInvalid)
	errExpired   = fmt.Errorf("%w: expired", ErrInvalid)
	errNotBefore = fmt.Errorf("%w: not yet valid", ErrInvalid)
	errNoSecrets = fmt.Errorf("%w: %w", ErrInvalid, ErrSecrets)
	errTenant    = fmt.Errorf("%w: issued for another tenant", ErrInvalid)
)

// hs256Header is base64url({"alg":"HS256","typ":"JWT"}), the header
// jsonwebtoken writes, byte for byte.
const hs256Header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

// maxPooledBuffer bounds the buffers kept between calls, so one huge token
// does not pin its memory for the life of the process.
const maxPooledBuffer = 64 << 10

// Codec issues and verifies tokens under one pair of secrets. The AES key
// schedule is computed once, HMAC states are pooled, so Verify and Issue
// allocate little more than their results. A Codec is safe for concurrent
// use. Create it with [NewCodec]; the zero Codec is not usable.
//
// A nil *Codec stands for missing or invalid secrets and behaves as the
// reference does then: Verify fails with [ErrInvalid] (and [ErrSecrets]),
// Issue with [ErrSecrets]. A server may therefore start without valid
// secrets and answer 401/500, like the reference, instead of refusing to run.
type Codec struct {
	block   cipher.Block
	tenant  string    // see NewTenantCodec
	scratch sync.Pool // of *scratch
}

// scratch is the per-call working memory of a Codec.
type scratch struct {
	mac hash.Hash // HMAC-SHA256 keyed with the signing secret
	buf []byte    // ciphertext / plaintext
	tmp []byte    // JSON payload
	out []byte    // hex output
	sum [sha256.Size]byte
	sig [43]byte // base64url of an HMAC-SHA256, unpadded
	w   wireClaims
	iv  [aes.BlockSize]byte
}

// NewCodec derives the keys from s: the AES-256 key is SHA-256(s.Enc), the
// HMAC key s.Sign itself. It fails with an error wrapping [ErrSecrets] when
// s does not pass [Secrets.Validate], returning a nil *Codec.
func NewCodec(s Secrets) (*Codec, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	key := sha256.Sum256([]byte(s.Enc))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err // unreachable: the key is 32 bytes
	}
	macKey := []byte(s.Sign)
	c := &Codec{block: block}
	c.scratch.New = func() any {
		return &scratch{mac: hmac.New(sha256.New, macKey)}
	}
	return c, nil
}

// NewTenantCodec is NewCodec for the tokens of one tenant of a
// multi-tenant service (package tenancy). Tenant is not key material: it
// binds every token of the codec to the tenant. The codec issues tokens
// carrying it as their "tenant" claim and verifies only tokens whose claim
// is exactly it, so that a token issued in one tenant is refused in every
// other, though all share the secrets. A codec of NewCodec (tenant "")
// issues the reference's tokens byte for byte and refuses every token that
// carries a tenant.
func NewTenantCodec(s Secrets, tenant string) (*Codec, error) {
	c, err := NewCodec(s)
	if c != nil {
		c.tenant = tenant
	}
	return c, err
}

func (c *Codec) get() *scratch { return c.scratch.Get().(*scratch) }

func (c *Codec) put(s *scratch) {
	if cap(s.buf) > maxPooledBuffer || cap(s.tmp) > maxPooledBuffer || cap(s.out) > maxPooledBuffer {
		return
	}
	c.scratch.Put(s)
}

// Issue encodes claims in the reference's key order (see [Claims]), signs
// them as an HS256 JWT and encrypts the JWT under a fresh random iv. It
// fails for claims the reference could not have issued (see
// [Claims.MarshalJSON]); it does not fill in iat or exp: use [Claims.Stamp].
//
// The token carries the codec's tenant (see [NewTenantCodec]), whatever
// claims.Tenant says.
func (c *Codec) Issue(claims Claims) (string, error) {
	if c == nil {
		return "", ErrSecrets
	}
	claims.Tenant = c.tenant
	s := c.get()
	defer c.put(s)

	payload, err := claims.appendJSON(s.tmp[:0])
	if err != nil {
		return "", err
	}
	s.tmp = payload

	pt := append(s.buf[:0], hs256Header...)
	pt = append(pt, '.')
	pt = base64.RawURLEncoding.AppendEncode(pt, payload)
	s.mac.Reset()
	s.mac.Write(pt)
	pt = append(pt, '.')
	pt = base64.RawURLEncoding.AppendEncode(pt, s.mac.Sum(s.sum[:0]))
	pad := aes.BlockSize - len(pt)%aes.BlockSize
	for range pad {
		pt = append(pt, byte(pad))
	}
	s.buf = pt

	rand.Read(s.iv[:]) // never fails (crypto/rand panics instead)
	cipher.NewCBCEncrypter(c.block, s.iv[:]).CryptBlocks(pt, pt)

	out := hex.AppendEncode(s.out[:0], s.iv[:])
	out = append(out, ':')
	out = hex.AppendEncode(out, pt)
	s.out = out
	return string(out), nil
}

// Verify decrypts token, checks that its JWT is HS256 and correctly signed,
// and that it has not expired at now, then returns its claims. As with
// jsonwebtoken (no clock tolerance), a token is expired from its exp second
// on: now.Unix() >= exp. A present nbf is enforced too; iat is not checked.
//
// Verify says nothing about what the token may do: callers check Type,
// AccessType and, for user tokens, [PassesSecurityCheck]. A token whose
// tenant claim is not the codec's (see [NewTenantCodec]) is refused. Every
// error wraps [ErrInvalid].
func (c *Codec) Verify(token string, now time.Time) (Claims, error) {
	claims, err := c.VerifyAnyTenant(token, now)
	if err == nil && claims.Tenant != c.tenant {
		return Claims{}, errTenant
	}
	return claims, err
}

// VerifyAnyTenant is Verify without the tenant check: it tells a tenant
// resolver which tenant a well-formed, correctly signed, unexpired token
// was issued for (Claims.Tenant), before the request reaches the tenant's
// own codec, which checks it again. Nothing else may use it to accept a
// token.
func (c *Codec) VerifyAnyTenant(token string, now time.Time) (Claims, error) {
	if c == nil {
		return Claims{}, errNoSecrets
	}
	ivHex, ctHex, ok := strings.Cut(token, ":")
	if !ok || len(ivHex) != 2*aes.BlockSize || len(ctHex) == 0 || len(ctHex)%(2*aes.BlockSize) != 0 {
		return Claims{}, errMalformed
	}
	s := c.get()
	defer c.put(s)
	if !decodeHex(s.iv[:], ivHex) {
		return Claims{}, errMalformed
	}
	ct := grow(s.buf, len(ctHex)/2)
	s.buf = ct
	if !decodeHex(ct, ctHex) {
		return Claims{}, errMalformed
	}
	cipher.NewCBCDecrypter(c.block, s.iv[:]).CryptBlocks(ct, ct)
	pt, ok := unpad(ct)
	if !ok {
		return Claims{}, errDecrypt
	}
	return s.verifyJWS(pt, now)
}

// verifyJWS checks a compact JWS the way jsonwebtoken.verify does with
// algorithms ["HS256"] and decodes its claims.
func (s *scratch) verifyJWS(jws []byte, now time.Time) (Claims, error) {
	d1 := bytes.IndexByte(jws, '.')
	if d1 <= 0 {
		return Claims{}, errStructure
	}
	d2 := bytes.IndexByte(jws[d1+1:], '.')
	if d2 <= 0 {
		return Claims{}, errStructure
	}
	d2 += d1 + 1
	header, payload, sig := jws[:d1], jws[d1+1:d2], jws[d2+1:]
	if !isBase64URL(header) || !isBase64URL(payload) {
		return Claims{}, errStructure
	}
	if string(header) != hs256Header && !s.isHS256(header) {
		return Claims{}, errAlgorithm
	}

	s.mac.Reset()
	s.mac.Write(jws[:d2])
	base64.RawURLEncoding.Encode(s.sig[:], s.mac.Sum(s.sum[:0]))
	if !hmac.Equal(s.sig[:], sig) {
		return Claims{}, errSignature
	}

	raw := grow(s.tmp, base64.RawURLEncoding.DecodedLen(len(payload)))
	s.tmp = raw
	n, err := base64.RawURLEncoding.Decode(raw, payload)
	if err != nil {
		return Claims{}, errClaims
	}
	raw = bytes.TrimLeft(raw[:n], " \t\r\n")
	w := &s.w
	*w = wireClaims{}
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, w) != nil {
		return Claims{}, errClaims
	}
	t := now.Unix()
	if w.NotBefore.set && w.NotBefore.v > t {
		return Claims{}, errNotBefore
	}
	if w.ExpiresAt.set && t >= w.ExpiresAt.v {
		return Claims{}, errExpired
	}
	c := w.claims()
	*w = wireClaims{} // drop references to the claims' strings
	return c, nil
}

// isHS256 reports whether a header other than jsonwebtoken's canonical one
// is a JSON object whose alg is exactly "HS256". Anything else ("none",
// "HS512", "hs256", a missing alg) is refused, so that an attacker cannot
// choose how the signature is checked.
func (s *scratch) isHS256(header []byte) bool {
	raw, err := base64.RawURLEncoding.AppendDecode(nil, header)
	if err != nil {
		return false
	}
	var h map[string]json.RawMessage
	if json.Unmarshal(raw, &h) != nil {
		return false
	}
	var alg string
	return json.Unmarshal(h["alg"], &alg) == nil && alg == "HS256"
}

// unpad strips PKCS#7 padding from b (len(b) a positive multiple of the
// block size) in constant time, so that timing does not reveal whether the
// padding was valid.
func unpad(b []byte) ([]byte, bool) {
	n := len(b)
	p := int(b[n-1])
	good := subtle.ConstantTimeLessOrEq(1, p) & subtle.ConstantTimeLessOrEq(p, aes.BlockSize)
	for i := 1; i <= aes.BlockSize; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i, p)
		good &= (inPad ^ 1) | subtle.ConstantTimeByteEq(b[n-i], byte(p))
	}
	if good != 1 {
		return nil, false
	}
	return b[:n-p], true
}

// isBase64URL reports whether b is non-empty unpadded base64url, as the jws
// package requires of a JWT's header and payload.
func isBase64URL(b []byte) bool {
	for _, c := range b {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return len(b) > 0
}

// decodeHex decodes src, of length 2*len(dst), into dst. Upper-case digits
// are accepted, as Node's Buffer.from(s, "hex") accepts them.
func decodeHex(dst []byte, src string) bool {
	for i := range dst {
		hi, ok1 := fromHexChar(src[2*i])
		lo, ok2 := fromHexChar(src[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

func fromHexChar(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// grow returns b resized to n bytes, reallocating only when too small.
func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

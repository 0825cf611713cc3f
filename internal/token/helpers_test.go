package token

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

// The helpers below implement the wire format straight from the spec with
// the standard library, independently of the Codec, so that tests compare
// the Codec with the spec rather than with itself.

var testSecrets = Secrets{
	Enc:  "test-enc-secret-0123456789",
	Sign: "test-sign-secret-0123456789",
}

func mustCodec(t testing.TB, s Secrets) *Codec {
	t.Helper()
	c, err := NewCodec(s)
	if err != nil {
		t.Fatalf("NewCodec: %v", err)
	}
	return c
}

// specOpen decrypts token per spec §3.1 and returns the JWS's three parts,
// failing the test on any deviation from the format.
func specOpen(t testing.TB, s Secrets, token string) (header, payload, sig string) {
	t.Helper()
	parts := strings.Split(token, ":")
	if len(parts) != 2 {
		t.Fatalf("token has %d ':'-parts, want 2", len(parts))
	}
	for _, p := range parts {
		if p != strings.ToLower(p) {
			t.Fatalf("hex is not lower-case: %q", p)
		}
	}
	iv, err := hex.DecodeString(parts[0])
	if err != nil || len(iv) != 16 {
		t.Fatalf("iv %q: %v (len %d)", parts[0], err, len(iv))
	}
	ct, err := hex.DecodeString(parts[1])
	if err != nil || len(ct) == 0 || len(ct)%16 != 0 {
		t.Fatalf("ciphertext: %v (len %d)", err, len(ct))
	}
	key := sha256.Sum256([]byte(s.Enc))
	block, _ := aes.NewCipher(key[:])
	pt := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(pt, ct)
	p := int(pt[len(pt)-1])
	if p < 1 || p > 16 || !bytes.Equal(pt[len(pt)-p:], bytes.Repeat([]byte{byte(p)}, p)) {
		t.Fatalf("bad PKCS#7 padding %x", pt[len(pt)-16:])
	}
	jws := strings.Split(string(pt[:len(pt)-p]), ".")
	if len(jws) != 3 {
		t.Fatalf("JWS has %d parts", len(jws))
	}
	mac := hmac.New(sha256.New, []byte(s.Sign))
	mac.Write([]byte(jws[0] + "." + jws[1]))
	if want := base64.RawURLEncoding.EncodeToString(mac.Sum(nil)); jws[2] != want {
		t.Fatalf("signature %q, want %q", jws[2], want)
	}
	h, err := base64.RawURLEncoding.DecodeString(jws[0])
	if err != nil {
		t.Fatal(err)
	}
	pl, err := base64.RawURLEncoding.DecodeString(jws[1])
	if err != nil {
		t.Fatal(err)
	}
	return string(h), string(pl), jws[2]
}

// specSeal encrypts an arbitrary plaintext per spec §3.1 (random iv).
func specSeal(s Secrets, plaintext string) string {
	iv := make([]byte, 16)
	rand.Read(iv)
	return specSealIV(s, iv, plaintext)
}

func specSealIV(s Secrets, iv []byte, plaintext string) string {
	key := sha256.Sum256([]byte(s.Enc))
	block, _ := aes.NewCipher(key[:])
	p := 16 - len(plaintext)%16
	pt := append([]byte(plaintext), bytes.Repeat([]byte{byte(p)}, p)...)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(pt, pt)
	return hex.EncodeToString(iv) + ":" + hex.EncodeToString(pt)
}

// specJWS builds a compact JWS with the given header and payload JSON and a
// signature computed by sign over "header.payload".
func specJWS(header, payload string, sign func(signingInput []byte) []byte) string {
	in := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." +
		base64.RawURLEncoding.EncodeToString([]byte(payload))
	return in + "." + base64.RawURLEncoding.EncodeToString(sign([]byte(in)))
}

func hs256(secret string) func([]byte) []byte {
	return func(in []byte) []byte {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write(in)
		return m.Sum(nil)
	}
}

// topLevelKeys returns the keys of a JSON object in document order.
func topLevelKeys(t testing.TB, obj string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(obj))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", obj)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

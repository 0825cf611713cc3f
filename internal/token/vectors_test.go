package token

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"
)

// vectorsPath holds tokens minted by the Node reference with known secrets.
const vectorsPath = "../../../shared/spec/vectors/tokens.json"

type vectorFile struct {
	Secrets      vectorSecrets `json:"secrets"`
	OtherSecrets vectorSecrets `json:"otherSecrets"`
	// Now, when the file records one, is the verification instant (Unix
	// seconds); otherwise the wall clock is used, as the reference does.
	Now     *int64 `json:"now"`
	Vectors []struct {
		Name   string `json:"name"`
		Token  string `json:"token"`
		Expect struct {
			Verifies      bool                       `json:"verifies"`
			Reason        string                     `json:"reason"`
			Claims        map[string]json.RawMessage `json:"claims"`
			IsAccessToken *bool                      `json:"isAccessToken"`
		} `json:"expect"`
	} `json:"vectors"`
	PasswordHashes []struct {
		Password string `json:"password"`
		Hash     string `json:"hash"`
	} `json:"passwordHashes"`
}

type vectorSecrets struct {
	Enc  string `json:"authEncSecret"`
	Sign string `json:"authSignSecret"`
}

func (s vectorSecrets) secrets() Secrets { return Secrets(s) }

func loadVectors(t *testing.T) (*vectorFile, time.Time) {
	t.Helper()
	b, err := os.ReadFile(vectorsPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("reference vectors %s absent; skipping reference compatibility checks", vectorsPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", vectorsPath, err)
	}
	if len(f.Vectors) == 0 {
		t.Fatalf("%s holds no vectors", vectorsPath)
	}
	now := time.Now()
	if f.Now != nil {
		now = time.Unix(*f.Now, 0)
	}
	return &f, now
}

func TestReferenceVectors(t *testing.T) {
	f, now := loadVectors(t)
	c := mustCodec(t, f.Secrets.secrets())
	for _, v := range f.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			got, err := c.Verify(v.Token, now)
			if !v.Expect.Verifies {
				if err == nil {
					t.Fatalf("verified, want failure (%s); claims %+v", v.Expect.Reason, got)
				}
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("error %v does not wrap ErrInvalid", err)
				}
				switch v.Expect.Reason {
				case "expired":
					if !errors.Is(err, errExpired) {
						t.Fatalf("error %v, want expiry", err)
					}
				case "malformed":
					if !errors.Is(err, errMalformed) {
						t.Fatalf("error %v, want malformed", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			js, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			var gotMap map[string]any
			if err := json.Unmarshal(js, &gotMap); err != nil {
				t.Fatal(err)
			}
			for k, raw := range v.Expect.Claims {
				var want any
				if err := json.Unmarshal(raw, &want); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(gotMap[k], want) {
					t.Errorf("claim %s = %#v, want %#v", k, gotMap[k], want)
				}
			}
			if v.Expect.IsAccessToken != nil && (got.Type == TypeAccess) != *v.Expect.IsAccessToken {
				t.Errorf("type %q, isAccessToken should be %v", got.Type, *v.Expect.IsAccessToken)
			}
		})
	}
}

// TestReferencePayloadsReencode decodes each reference payload and encodes
// it again: the bytes must be identical, which pins key order, key presence
// and string escaping for every kind of token the vectors hold.
func TestReferencePayloadsReencode(t *testing.T) {
	f, _ := loadVectors(t)
	s := f.Secrets.secrets()
	kinds := map[string]bool{}
	for _, v := range f.Vectors {
		if !v.Expect.Verifies {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			header, payload, _ := specOpen(t, s, v.Token)
			if header != `{"alg":"HS256","typ":"JWT"}` {
				t.Errorf("header %s", header)
			}
			var c Claims
			if err := json.Unmarshal([]byte(payload), &c); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != payload {
				t.Errorf("re-encoded payload differs\n got %s\nwant %s", again, payload)
			}
			kinds[c.Type+"/"+c.AccessType] = true
		})
	}
	for _, k := range []string{"access/user", "access/app", "refresh/", "onetime/"} {
		if !kinds[k] {
			t.Errorf("vectors hold no %s token", k)
		}
	}
}

// TestReferenceExpiryBoundary pins jsonwebtoken's exp semantics on the
// reference's expired token: valid up to exp-1, expired from exp on.
func TestReferenceExpiryBoundary(t *testing.T) {
	f, _ := loadVectors(t)
	c := mustCodec(t, f.Secrets.secrets())
	n := 0
	for _, v := range f.Vectors {
		if v.Expect.Reason != "expired" {
			continue
		}
		n++
		_, payload, _ := specOpen(t, f.Secrets.secrets(), v.Token)
		var cl Claims
		if err := json.Unmarshal([]byte(payload), &cl); err != nil {
			t.Fatal(err)
		}
		exp := time.Unix(cl.ExpiresAt, 0)
		if _, err := c.Verify(v.Token, exp.Add(-time.Nanosecond)); err != nil {
			t.Errorf("%s: a nanosecond before exp: %v", v.Name, err)
		}
		if _, err := c.Verify(v.Token, exp); !errors.Is(err, errExpired) {
			t.Errorf("%s: at exp: %v, want expired", v.Name, err)
		}
	}
	if n == 0 {
		t.Skip("no expired vector")
	}
}

// TestReferenceOtherSecrets checks that the "other secrets" vector is a
// sound token under those secrets, so its rejection above is owed to the
// secrets alone.
func TestReferenceOtherSecrets(t *testing.T) {
	f, now := loadVectors(t)
	c := mustCodec(t, f.OtherSecrets.secrets())
	for _, v := range f.Vectors {
		if v.Expect.Reason != "wrong secrets" {
			continue
		}
		if _, err := c.Verify(v.Token, now); err != nil {
			t.Errorf("%s under otherSecrets: %v", v.Name, err)
		}
	}
}

func TestReferencePasswordHashes(t *testing.T) {
	f, _ := loadVectors(t)
	if len(f.PasswordHashes) == 0 {
		t.Fatal("no password hashes in vectors")
	}
	for _, p := range f.PasswordHashes {
		if !CheckPassword(p.Hash, p.Password) {
			t.Errorf("reference hash %s does not verify its password", p.Hash)
		}
		if CheckPassword(p.Hash, p.Password+"x") {
			t.Errorf("reference hash %s verifies a wrong password", p.Hash)
		}
	}
}

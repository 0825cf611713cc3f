package model_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/go-playground/validator/v10"
)

// One struct per supported tag: a single field F.
type (
	sMin struct {
		F string `json:"f" validate:"min=3"`
	}
	sMax struct {
		F string `json:"f" validate:"max=5"`
	}
	sLen struct {
		F string `json:"f" validate:"len=4"`
	}
	sGt struct {
		F string `json:"f" validate:"gt=2"`
	}
	sGte struct {
		F string `json:"f" validate:"gte=2"`
	}
	sLt struct {
		F string `json:"f" validate:"lt=4"`
	}
	sLte struct {
		F string `json:"f" validate:"lte=4"`
	}
	sRequired struct {
		F string `json:"f" validate:"required"`
	}
	sEmail struct {
		F string `json:"f" validate:"email"`
	}
	sURL struct {
		F string `json:"f" validate:"url"`
	}
	sUUID struct {
		F string `json:"f" validate:"uuid"`
	}
	sUUID4 struct {
		F string `json:"f" validate:"uuid4"`
	}
	sAlpha struct {
		F string `json:"f" validate:"alpha"`
	}
	sAlphaNum struct {
		F string `json:"f" validate:"alphanum"`
	}
	sOneOf struct {
		F string `json:"f" validate:"oneof=red green 'dark blue'"`
	}
	sOmit struct {
		F string `json:"f" validate:"omitempty,min=3"`
	}
	sPtr struct {
		F *string `json:"f" validate:"omitempty,max=3"`
	}
	iMin struct {
		F int `json:"f" validate:"min=1"`
	}
	iMax struct {
		F int `json:"f" validate:"max=10"`
	}
	iGt struct {
		F int `json:"f" validate:"gt=0"`
	}
	iGte struct {
		F int `json:"f" validate:"gte=1"`
	}
	iLt struct {
		F int `json:"f" validate:"lt=10"`
	}
	iLte struct {
		F int `json:"f" validate:"lte=10"`
	}
	iLen struct {
		F int `json:"f" validate:"len=3"`
	}
	iOneOf struct {
		F int `json:"f" validate:"oneof=1 2 3"`
	}
	iOmitMax struct {
		F int `json:"f" validate:"omitempty,max=5"`
	}
	u8 struct {
		F uint8 `json:"f"`
	}
	i16 struct {
		F int16 `json:"f"`
	}
	fGt struct {
		F float64 `json:"f" validate:"gt=0.5"`
	}
	fLte struct {
		F float64 `json:"f" validate:"lte=2.5"`
	}
	lMin struct {
		F []string `json:"f" validate:"min=1"`
	}
	lMax struct {
		F []string `json:"f" validate:"max=3"`
	}
	lLen struct {
		F []string `json:"f" validate:"len=2"`
	}
	lDive struct {
		F []string `json:"f" validate:"dive,min=2"`
	}
	lDiveOne struct {
		F []string `json:"f" validate:"max=2,dive,oneof=a b"`
	}
	mMax struct {
		F map[string]int `json:"f" validate:"max=2,dive,min=0"`
	}
)

// exception names a documented disagreement between the derived schema
// and validator/v10 (see the package documentation, "# Exceptions").
type exception func(value any) bool

var (
	zeroString exception = func(v any) bool { return v == "" }  // omitempty skips a zero value's rules
	zeroNumber exception = func(v any) bool { return v == 0.0 } // same for numbers
	null       exception = func(v any) bool { return v == nil } // pointers: null is not accepted
	// "uri" accepts a scheme without a host ("https://"); validator/v10's
	// url does not.
	noHost exception = func(v any) bool { return strings.HasSuffix(v.(string), "://") }
	// "uuid" accepts the "urn:uuid:" prefix; validator/v10 does not.
	urnUUID exception = func(v any) bool { return strings.HasPrefix(strings.ToLower(v.(string)), "urn:uuid:") }
)

// TestSchemaAgreesWithValidator checks, for every supported tag, that the
// schema Derive builds (through the Strict-mode validator) and
// validator/v10 (on the decoded struct) accept the same bodies, over
// generated values and edge cases. A disagreement must be a documented
// exception.
func TestSchemaAgreesWithValidator(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	strs := stringCases(rng)
	nums := numberCases(rng)
	lists := listCases(rng, strs)
	maps := []any{map[string]any{}, map[string]any{"a": 1.0}, map[string]any{"a": 1.0, "b": -1.0}, map[string]any{"a": 1.0, "b": 2.0, "c": 3.0}}
	for _, tc := range []struct {
		t      reflect.Type
		values []any
		except exception
	}{
		{reflect.TypeFor[sMin](), strs, nil},
		{reflect.TypeFor[sMax](), strs, nil},
		{reflect.TypeFor[sLen](), strs, nil},
		{reflect.TypeFor[sGt](), strs, nil},
		{reflect.TypeFor[sGte](), strs, nil},
		{reflect.TypeFor[sLt](), strs, nil},
		{reflect.TypeFor[sLte](), strs, nil},
		{reflect.TypeFor[sRequired](), strs, nil},
		{reflect.TypeFor[sEmail](), strs, nil},
		{reflect.TypeFor[sURL](), strs, noHost},
		{reflect.TypeFor[sUUID](), strs, urnUUID},
		{reflect.TypeFor[sUUID4](), strs, urnUUID},
		{reflect.TypeFor[sAlpha](), strs, nil},
		{reflect.TypeFor[sAlphaNum](), strs, nil},
		{reflect.TypeFor[sOneOf](), strs, nil},
		{reflect.TypeFor[sOmit](), strs, zeroString},
		{reflect.TypeFor[sPtr](), append(strs, nil), null},
		{reflect.TypeFor[iMin](), nums, nil},
		{reflect.TypeFor[iMax](), nums, nil},
		{reflect.TypeFor[iGt](), nums, nil},
		{reflect.TypeFor[iGte](), nums, nil},
		{reflect.TypeFor[iLt](), nums, nil},
		{reflect.TypeFor[iLte](), nums, nil},
		{reflect.TypeFor[iLen](), nums, nil},
		{reflect.TypeFor[iOneOf](), nums, nil},
		{reflect.TypeFor[iOmitMax](), nums, zeroNumber},
		{reflect.TypeFor[u8](), nums, nil},
		{reflect.TypeFor[i16](), nums, nil},
		{reflect.TypeFor[fGt](), nums, nil},
		{reflect.TypeFor[fLte](), nums, nil},
		{reflect.TypeFor[lMin](), lists, nil},
		{reflect.TypeFor[lMax](), lists, nil},
		{reflect.TypeFor[lLen](), lists, nil},
		{reflect.TypeFor[lDive](), lists, nil},
		{reflect.TypeFor[lDiveOne](), lists, nil},
		{reflect.TypeFor[mMax](), maps, nil},
	} {
		s, err := model.Derive(tc.t, model.Options{})
		if err != nil {
			t.Fatalf("%v: %v", tc.t, err)
		}
		v, err := schema.Compile(schema.Request{Body: s, Mode: schema.Strict})
		if err != nil {
			t.Fatalf("%v: %v", tc.t, err)
		}
		tag := tc.t.Field(0).Tag.Get("validate")
		agreed, excused := 0, 0
		for _, val := range tc.values {
			body := `{"f":` + jsonText(t, val) + `}`
			_, _, problems := v.Check(schema.Input{Body: decode(body), HasBody: true})
			bySchema := len(problems) == 0
			byValidator := validatorAccepts(tc.t, body)
			switch {
			case bySchema == byValidator:
				agreed++
			case tc.except != nil && tc.except(val):
				excused++
			default:
				t.Errorf("%s %q on %s: schema accepts %v, validator/v10 accepts %v (problems %s)",
					tc.t.Field(0).Type, tag, body, bySchema, byValidator, jsonText(t, problems))
			}
		}
		if agreed < len(tc.values)/2 {
			t.Errorf("%q: only %d of %d values agreed (%d excused)", tag, agreed, len(tc.values), excused)
		}
	}
}

var plainValidator = validator.New(validator.WithRequiredStructEnabled())

// validatorAccepts decodes body into a new value of t with encoding/json
// and runs validator/v10 on it.
func validatorAccepts(t reflect.Type, body string) bool {
	p := reflect.New(t)
	if err := json.Unmarshal([]byte(body), p.Interface()); err != nil {
		return false
	}
	return plainValidator.Struct(p.Interface()) == nil
}

func stringCases(rng *rand.Rand) []any {
	out := []any{
		"", "a", "ab", "abc", "abcd", "abcde", "abcdef", "héllo", "日本語", "red", "green", "dark blue", "blue", "Red",
		"a@b.io", "ops@acme.io", "first.last+tag@sub.example.com", "no-at-sign", "@b.io", "a@", "a@b", "a b@c.io",
		"https://acme.io", "http://x.y/path?q=1#f", "ftp://files.acme.io", "acme.io", "mailto:a@b.io", "https://",
		"3f2b8a4e-9c1d-4e7a-8b5f-2d6c9e0a1b7c", "3F2B8A4E-9C1D-4E7A-8B5F-2D6C9E0A1B7C", "3f2b8a4e-9c1d-1e7a-8b5f-2d6c9e0a1b7c",
		"urn:uuid:3f2b8a4e-9c1d-4e7a-8b5f-2d6c9e0a1b7c", "3f2b8a4e9c1d4e7a8b5f2d6c9e0a1b7c",
		"abc123", "ABC", "abc 123", "ab_c",
	}
	const alphabet = "abcXYZ019 @.-_:/é"
	letters := []rune(alphabet)
	for range 200 {
		n := rng.IntN(8)
		var b strings.Builder
		for range n {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		out = append(out, b.String())
	}
	return out
}

func numberCases(rng *rand.Rand) []any {
	out := []any{0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 9.0, 10.0, 11.0, -1.0, 0.5, 0.51, 2.5, 2.51, 255.0, 256.0, -129.0, 32767.0, 32768.0, -32768.0, -32769.0}
	for range 100 {
		out = append(out, float64(rng.IntN(700)-100))
	}
	for range 30 {
		out = append(out, float64(rng.IntN(60))/10)
	}
	return out
}

func listCases(rng *rand.Rand, strs []any) []any {
	out := []any{[]any{}, []any{"a"}, []any{"a", "b"}, []any{"a", "c"}, []any{"ab", "cd", "ef"}, []any{"a", "b", "a"}}
	for range 100 {
		n := rng.IntN(5)
		l := make([]any, n)
		for i := range l {
			l[i] = strs[rng.IntN(len(strs))]
		}
		out = append(out, l)
	}
	return out
}

// FuzzSchemaAgreesWithValidator fuzzes the string tags whose rules
// JSON Schema states exactly (lengths, enum, patterns).
func FuzzSchemaAgreesWithValidator(f *testing.F) {
	for _, s := range []string{"", "abc", "dark blue", "héllo", "abcd1", "a\u0301"} {
		f.Add(s)
	}
	types := []reflect.Type{reflect.TypeFor[sMin](), reflect.TypeFor[sLen](), reflect.TypeFor[sLt](), reflect.TypeFor[sRequired](),
		reflect.TypeFor[sAlpha](), reflect.TypeFor[sAlphaNum](), reflect.TypeFor[sOneOf](), reflect.TypeFor[sUUID4]()}
	validators := make([]*schema.Validator, len(types))
	for i, typ := range types {
		s, err := model.Derive(typ, model.Options{})
		if err != nil {
			f.Fatal(err)
		}
		validators[i] = schema.MustCompile(schema.Request{Body: s, Mode: schema.Strict})
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := json.Marshal(map[string]string{"f": s})
		if err != nil || !json.Valid(b) {
			return
		}
		body := string(b)
		var decoded map[string]string
		if json.Unmarshal(b, &decoded) != nil || decoded["f"] != s {
			return // not UTF-8: encoding/json replaced bytes
		}
		for i, typ := range types {
			_, _, problems := validators[i].Check(schema.Input{Body: decode(body), HasBody: true})
			if (len(problems) == 0) != validatorAccepts(typ, body) {
				t.Errorf("%v on %s: schema problems %s, validator/v10 accepts %v", typ, body, fmt.Sprint(problems), validatorAccepts(typ, body))
			}
		}
	})
}

package model_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/primitives/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json")

// TestDeriveGolden pins the schemas derived from the team model: the
// request body, the partial update and the response.
func TestDeriveGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		o    model.Options
	}{
		{"team.request.json", model.Options{}},
		{"team.patch.json", model.Options{Partial: true}},
		{"team.response.json", model.Options{Response: true}},
		{"team.ref.json", model.Options{Ref: func(t reflect.Type) string { return "#/components/schemas/" + t.Name() }}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := model.Derive(reflect.TypeFor[team](), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := json.Indent(&got, []byte(s.String()), "", "  "); err != nil {
				t.Fatal(err)
			}
			got.WriteByte('\n')
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("%s differs (run with -update to accept):\n%s", path, got.String())
			}
		})
	}
}

// TestDeriveRefusesWhatItCannotState: a rule the schema would drop, a
// default outside its own rules, a type JSON cannot carry are errors at
// mount, never silently ignored.
func TestDeriveRefusesWhatItCannotState(t *testing.T) {
	type unknownRule struct {
		Code string `json:"code" validate:"ascii"`
	}
	type alternatives struct {
		Code string `json:"code" validate:"email|uuid"`
	}
	type badDefault struct {
		Role string `json:"role" validate:"oneof=a b" default:"c"`
	}
	type badDefaultType struct {
		N int `json:"n" default:"many"`
	}
	type wrongKind struct {
		N int `json:"n" validate:"email"`
	}
	type oneofFloat struct {
		F float64 `json:"f" validate:"oneof=1.5 2"`
	}
	type diveScalar struct {
		S string `json:"s" validate:"dive,min=1"`
	}
	type channel struct {
		C chan int `json:"c"`
	}
	type asString struct {
		N int `json:"n,string"`
	}
	type recursive struct {
		Children []recursive `json:"children"`
	}
	for _, tc := range []struct {
		t    reflect.Type
		want string
	}{
		{reflect.TypeFor[unknownRule](), `code: validate rule "ascii" is not supported`},
		{reflect.TypeFor[alternatives](), `alternatives ("email|uuid") are not supported`},
		{reflect.TypeFor[badDefault](), `role: default "c": the default must be one of: a, b`},
		{reflect.TypeFor[badDefaultType](), `n: default "many"`},
		{reflect.TypeFor[wrongKind](), `n: validate rule "email" applies to strings only`},
		{reflect.TypeFor[oneofFloat](), `f: validate rule "oneof=1.5 2" applies to strings and integers only`},
		{reflect.TypeFor[diveScalar](), `s: "dive" on string`},
		{reflect.TypeFor[channel](), `c: JSON cannot carry a chan int`},
		{reflect.TypeFor[asString](), `n: the json ",string" option is not supported`},
		{reflect.TypeFor[recursive](), `contains itself`},
	} {
		_, err := model.Derive(tc.t, model.Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want it to contain %q", tc.t, err, tc.want)
		}
	}
	// A cross-field rule is not an error: validator/v10 runs it after
	// decoding (see TestBindCrossField).
	type cross struct {
		Password string `json:"password" validate:"min=8"`
		Confirm  string `json:"confirm" validate:"eqfield=Password"`
	}
	if _, err := model.Derive(reflect.TypeFor[cross](), model.Options{}); err != nil {
		t.Errorf("cross-field rule: %v", err)
	}
	// A response never fails on a type the encoder can write.
	if _, err := model.Derive(reflect.TypeFor[recursive](), model.Options{Response: true}); err != nil {
		t.Errorf("recursive response: %v", err)
	}
}

func TestDeriveShapes(t *testing.T) {
	type inner struct {
		A string `json:"a"`
	}
	type Embedded struct {
		E string `json:"e"`
	}
	type shapes struct {
		Embedded
		Map    map[string]int `json:"map"`
		Any    any            `json:"any"`
		Bytes  []byte         `json:"bytes"`
		Small  uint8          `json:"small"`
		Arr    [2]inner       `json:"arr"`
		hidden string
		Skip   string `json:"-"`
		Plain  bool
	}
	_ = shapes{}.hidden
	s, err := model.Derive(reflect.TypeFor[shapes](), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"object","properties":{"e":{"type":"string"},"map":{"type":"object","additionalProperties":{"type":"integer"}},"any":{},"bytes":{"type":"string"},"small":{"type":"integer","minimum":0,"maximum":255},"arr":{"type":"array","items":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false},"minItems":2,"maxItems":2},"Plain":{"type":"boolean"}},"required":["e","map","bytes","small","arr","Plain"],"additionalProperties":false}`
	if s.String() != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
	// Derivation is cached: the same type gives the same schema value.
	again, _ := model.Derive(reflect.TypeFor[shapes](), model.Options{})
	if again != s {
		t.Error("Derive did not cache the schema")
	}
	if _, err := schema.Compile(schema.Request{Body: s, Mode: schema.Strict}); err != nil {
		t.Fatal(err)
	}
}

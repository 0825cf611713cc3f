package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Schema is an immutable JSON schema that remembers the order in which its
// keywords and properties were declared. Order matters: the reference (AJV)
// reports property errors in declaration order, which a Go map would lose.
//
// Build a Schema with the constructors in builder.go (String, Object, Prop,
// OneOf, ...) or parse JSON text with Parse. Every method returns a new
// Schema and never modifies its receiver, so shared sub-schemas can be reused
// freely. The zero value and nil both mean the empty schema {}.
type Schema struct {
	kws []keyword
}

// keyword is one "name": value pair of a schema object. value is a *Schema
// (items, additionalProperties, not), a []*Schema (oneOf, anyOf, allOf), a
// []Property (properties, patternProperties) or a plain JSON value
// (nil, bool, float64, string, []any, map[string]any).
type keyword struct {
	name  string
	value any
}

// Property is one named entry of "properties" (or one pattern of
// "patternProperties").
type Property struct {
	Name   string
	Schema *Schema
}

// keyword classes (draft-07 keywords that hold sub-schemas).
func isSchemaKeyword(name string) bool {
	return name == "items" || name == "additionalProperties" || name == "not" ||
		name == KeywordDeepPropertyNames
}

func isSchemaListKeyword(name string) bool {
	return name == "oneOf" || name == "anyOf" || name == "allOf"
}

func isPropertiesKeyword(name string) bool {
	return name == "properties" || name == "patternProperties"
}

// Get returns the value of a keyword and whether it is present. Sub-schema
// keywords return *Schema, []*Schema or []Property.
func (s *Schema) Get(name string) (any, bool) {
	if s == nil {
		return nil, false
	}
	for _, kw := range s.kws {
		if kw.name == name {
			return kw.value, true
		}
	}
	return nil, false
}

// Has reports whether the keyword is present.
func (s *Schema) Has(name string) bool {
	_, ok := s.Get(name)
	return ok
}

// Keywords returns the keyword names in declaration order.
func (s *Schema) Keywords() []string {
	if s == nil {
		return nil
	}
	names := make([]string, len(s.kws))
	for i, kw := range s.kws {
		names[i] = kw.name
	}
	return names
}

// PropertyList returns the declared "properties" in order.
func (s *Schema) PropertyList() []Property {
	v, _ := s.Get("properties")
	props, _ := v.([]Property)
	return props
}

// with returns a copy of s where keyword name has value v (replaced in place
// when present, appended otherwise).
func (s *Schema) with(name string, v any) *Schema {
	out := &Schema{}
	if s != nil {
		out.kws = make([]keyword, len(s.kws), len(s.kws)+1)
		copy(out.kws, s.kws)
	}
	for i := range out.kws {
		if out.kws[i].name == name {
			out.kws[i].value = v
			return out
		}
	}
	out.kws = append(out.kws, keyword{name, v})
	return out
}

// typeNames returns the declared "type" as a list ("string" → ["string"]).
func (s *Schema) typeNames() []string {
	v, ok := s.Get("type")
	if !ok {
		return nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			if str, ok := e.(string); ok {
				out = append(out, str)
			}
		}
		return out
	case []string:
		return t
	}
	return nil
}

// String returns the schema as JSON text.
func (s *Schema) String() string {
	b, err := s.MarshalJSON()
	if err != nil {
		return fmt.Sprintf("<invalid schema: %v>", err)
	}
	return string(b)
}

// MarshalJSON encodes the schema with keywords and properties in declaration
// order.
func (s *Schema) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := s.encode(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Schema) encode(buf *bytes.Buffer) error {
	buf.WriteByte('{')
	if s != nil {
		for i, kw := range s.kws {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSONString(buf, kw.name)
			buf.WriteByte(':')
			if err := encodeValue(buf, kw.value); err != nil {
				return fmt.Errorf("keyword %q: %w", kw.name, err)
			}
		}
	}
	buf.WriteByte('}')
	return nil
}

func encodeValue(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case *Schema:
		return v.encode(buf)
	case []*Schema:
		buf.WriteByte('[')
		for i, sub := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := sub.encode(buf); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	case []Property:
		buf.WriteByte('{')
		for i, p := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSONString(buf, p.Name)
			buf.WriteByte(':')
			if err := p.Schema.encode(buf); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
		return nil
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		buf.Write(b)
		return nil
	}
}

func writeJSONString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s)
	buf.Write(b)
}

// UnmarshalJSON parses JSON text into the schema, keeping declaration order.
func (s *Schema) UnmarshalJSON(b []byte) error {
	parsed, err := Parse(string(b))
	if err != nil {
		return err
	}
	*s = *parsed
	return nil
}

// Parse reads a JSON schema from JSON text, keeping the declaration order of
// keywords and properties. Numbers are read as float64 (like JavaScript).
// A boolean sub-schema true is read as {}; false is not supported.
func Parse(text string) (*Schema, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s, err := parseSchema(dec, tok, "#")
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("schema: trailing data after JSON schema")
	}
	return s, nil
}

// MustParse is Parse that panics on error; for schemas written as literals.
func MustParse(text string) *Schema {
	s, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return s
}

func parseSchema(dec *json.Decoder, tok json.Token, at string) (*Schema, error) {
	switch tok {
	case json.Delim('{'):
	case true:
		return &Schema{}, nil
	default:
		return nil, fmt.Errorf("schema: %s: expected a schema object, got %v", at, tok)
	}
	s := &Schema{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("schema: %s: %w", at, err)
		}
		name, _ := kt.(string)
		loc := at + "/" + name
		vt, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("schema: %s: %w", loc, err)
		}
		var v any
		switch {
		case isPropertiesKeyword(name) && vt == json.Delim('{'):
			var props []Property
			for dec.More() {
				pt, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("schema: %s: %w", loc, err)
				}
				pname, _ := pt.(string)
				st, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("schema: %s: %w", loc, err)
				}
				sub, err := parseSchema(dec, st, loc+"/"+pname)
				if err != nil {
					return nil, err
				}
				props = append(props, Property{pname, sub})
			}
			if _, err := dec.Token(); err != nil {
				return nil, fmt.Errorf("schema: %s: %w", loc, err)
			}
			v = props
		case isSchemaListKeyword(name) && vt == json.Delim('['):
			list := []*Schema{}
			for i := 0; dec.More(); i++ {
				st, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("schema: %s: %w", loc, err)
				}
				sub, err := parseSchema(dec, st, fmt.Sprintf("%s/%d", loc, i))
				if err != nil {
					return nil, err
				}
				list = append(list, sub)
			}
			if _, err := dec.Token(); err != nil {
				return nil, fmt.Errorf("schema: %s: %w", loc, err)
			}
			v = list
		case isSchemaKeyword(name) && vt == json.Delim('{'):
			sub, err := parseSchema(dec, vt, loc)
			if err != nil {
				return nil, err
			}
			v = sub
		default:
			v, err = parseValue(dec, vt)
			if err != nil {
				return nil, fmt.Errorf("schema: %s: %w", loc, err)
			}
		}
		s.kws = append(s.kws, keyword{name, v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", at, err)
	}
	return s, nil
}

// parseValue decodes a plain JSON value whose first token is tok.
func parseValue(dec *json.Decoder, tok json.Token) (any, error) {
	switch tok {
	case json.Delim('{'):
		m := map[string]any{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			vt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := parseValue(dec, vt)
			if err != nil {
				return nil, err
			}
			m[kt.(string)] = v
		}
		_, err := dec.Token()
		return m, err
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			vt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := parseValue(dec, vt)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token()
		return a, err
	}
	return tok, nil
}

// jsonValue normalises a Go value to the JSON data model used everywhere in
// this package (nil, bool, float64, string, []any, map[string]any) by a JSON
// round trip. Values that are already plain JSON are returned as they are.
func jsonValue(v any) (any, error) {
	if isPlainJSON(v) {
		return v, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func isPlainJSON(v any) bool {
	switch v := v.(type) {
	case nil, bool, float64, string:
		return true
	case []any:
		for _, e := range v {
			if !isPlainJSON(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range v {
			if !isPlainJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}

package schema

import (
	"fmt"
	"net/url"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// In says where a parameter comes from.
type In string

// Parameter locations.
const (
	Path  In = "path"
	Query In = "query"
)

// Param declares a path or query parameter.
type Param struct {
	Name     string
	In       In      // Path or Query
	Required bool    // path parameters are always required
	Schema   *Schema // schema of the value, e.g. Integer().Minimum(1).Maximum(1000); nil accepts anything
}

// Request is the declared validation of one route. As in the reference,
// declaring any Params makes the route reject query parameters it does not
// declare ("query parameter 'x' is not allowed"); a route without Params
// does not look at its query string.
//
// Mode chooses how inputs are read and how failures are reported: AJV (the
// zero value) is the reference's coercion and messages; Strict and Coerce
// report field-named Problems (see Mode, Validator.Check). In the Strict
// and Coerce modes every query parameter the route does not declare is an
// "unknown" problem, whether or not it declares any.
type Request struct {
	Params []Param
	Body   *Schema // schema of the JSON body; nil = body not validated
	Mode   Mode    // AJV (zero value), Strict or Coerce
}

// Validator validates requests for one route. It is immutable and safe for
// concurrent use.
type Validator struct {
	params     []param
	queryNames map[string]bool // declared query parameters
	body       *node
	mode       Mode
	// checkedBody is the body's schema in the Strict and Coerce modes
	// (body is then nil).
	checkedBody *checked
}

type param struct {
	name     string
	in       In
	required bool
	prefix   string   // "query parameter 'limit' "
	node     *node    // nil: no schema (or Strict/Coerce mode)
	checked  *checked // the schema in the Strict and Coerce modes
	// anyString: the schema is exactly {"type":"string"}, which every
	// present path or query string satisfies, so validation can skip it.
	anyString bool
}

// Compile hardens every schema (Harden), checks it against
// the draft-07 meta-schema and compiles it with jsonschema/v6, once. The
// returned Validator is reused for every request. Errors are programming
// errors: an invalid or unsupported schema, a bad parameter declaration.
func Compile(r Request) (*Validator, error) {
	c, err := newCompiler()
	if err != nil {
		return nil, err
	}
	v := &Validator{queryNames: map[string]bool{}, mode: r.Mode}
	seen := map[string]bool{}
	for _, p := range r.Params {
		if p.In != Path && p.In != Query {
			return nil, fmt.Errorf("schema: parameter %q: unsupported location %q", p.Name, p.In)
		}
		if p.Name == "" || seen[string(p.In)+":"+p.Name] {
			return nil, fmt.Errorf("schema: %s parameter %q: empty or duplicate name", p.In, p.Name)
		}
		seen[string(p.In)+":"+p.Name] = true
		cp := param{
			name:     p.Name,
			in:       p.In,
			required: p.Required || p.In == Path,
			prefix:   string(p.In) + " parameter '" + p.Name + "' ",
		}
		if p.Schema != nil && r.Mode != AJV {
			if cp.checked, err = c.checkedRoot(p.Schema, string(p.In)+"/"+p.Name, true); err != nil {
				return nil, err
			}
		} else if p.Schema != nil {
			if cp.node, err = c.root(p.Schema, string(p.In)+"/"+p.Name); err != nil {
				return nil, err
			}
			t, _ := p.Schema.Get("type")
			cp.anyString = t == "string" && len(p.Schema.Keywords()) == 1
		}
		if p.In == Query {
			v.queryNames[p.Name] = true
		}
		v.params = append(v.params, cp)
	}
	switch {
	case r.Mode != AJV && r.Mode != Strict && r.Mode != Coerce:
		return nil, fmt.Errorf("schema: unknown mode %d", r.Mode)
	case r.Body != nil && r.Mode != AJV:
		if v.checkedBody, err = c.checkedRoot(r.Body, "body", r.Mode == Coerce); err != nil {
			return nil, err
		}
	case r.Body != nil:
		if v.body, err = c.root(r.Body, "body"); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// MustCompile is Compile that panics on error, for route tables built at
// start-up.
func MustCompile(r Request) *Validator {
	v, err := Compile(r)
	if err != nil {
		panic(err)
	}
	return v
}

// compiler turns hardened schemas into node trees whose assertion keywords
// are compiled with jsonschema/v6.
type compiler struct {
	js *jsonschema.Compiler
	n  int // fragment counter, for unique resource URLs
}

func newCompiler() (*compiler, error) {
	vocab, err := queryFilterVocabulary()
	if err != nil {
		return nil, fmt.Errorf("schema: queryFilter vocabulary: %w", err)
	}
	js := jsonschema.NewCompiler()
	js.DefaultDraft(jsonschema.Draft7) // AJV 8's default draft
	js.AssertFormat()
	js.RegisterFormat(stringFormat(FormatEmail, IsEmail))
	js.RegisterFormat(stringFormat(FormatUUID, IsUUID))
	js.UseRegexpEngine(compileJSRegexp)
	js.RegisterVocabulary(vocab)
	js.AssertVocabs()
	return &compiler{js: js}, nil
}

// root hardens s, validates the whole hardened schema with jsonschema/v6
// (meta-schema, formats, patterns, the queryFilter vocabulary) and builds
// its node tree.
func (c *compiler) root(s *Schema, name string) (*node, error) {
	h := Harden(s)
	doc, err := toDoc(h)
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	loc := "mem:///" + url.PathEscape(name) + ".json"
	if err := c.js.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	if _, err := c.js.Compile(loc); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	return c.node(h, name+"#", false)
}

// toDoc converts a Schema to the map form jsonschema/v6 compiles.
func toDoc(s *Schema) (map[string]any, error) {
	if s == nil {
		return map[string]any{}, nil
	}
	doc := make(map[string]any, len(s.kws))
	for _, kw := range s.kws {
		switch v := kw.value.(type) {
		case *Schema:
			sub, err := toDoc(v)
			if err != nil {
				return nil, err
			}
			doc[kw.name] = sub
		case []*Schema:
			list := make([]any, len(v))
			for i, e := range v {
				sub, err := toDoc(e)
				if err != nil {
					return nil, err
				}
				list[i] = sub
			}
			doc[kw.name] = list
		case []Property:
			m := make(map[string]any, len(v))
			for _, p := range v {
				sub, err := toDoc(p.Schema)
				if err != nil {
					return nil, err
				}
				m[p.Name] = sub
			}
			doc[kw.name] = m
		default:
			jv, err := jsonValue(v)
			if err != nil {
				return nil, fmt.Errorf("keyword %q: %w", kw.name, err)
			}
			doc[kw.name] = jv
		}
	}
	return doc, nil
}

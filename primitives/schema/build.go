package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Building node trees from hardened schemas.

// annotations are keywords without validation effect.
var annotations = map[string]bool{
	"title": true, "description": true, "$comment": true, "examples": true,
	"example": true, "deprecated": true, "readOnly": true, "writeOnly": true,
	"default": true,
}

var (
	// postKeywords are the type-specific assertions of the post fragment.
	postKeywords = []string{
		"maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf",
		"maxLength", "minLength", "pattern",
		"maxItems", "minItems", "uniqueItems",
		"maxProperties", "minProperties", "required",
	}
	// objectKeywords and arrayKeywords are AJV's object and array keyword
	// groups; their presence decides when an object/array type error is
	// reported (see typeEarly).
	objectKeywords = []string{
		"maxProperties", "minProperties", "required", "additionalProperties",
		"properties", "patternProperties", KeywordQueryFilter,
	}
	arrayKeywords = []string{"maxItems", "minItems", "uniqueItems", "items"}
)

// node builds the node of schema s (already hardened). at names the schema
// in error messages and resource URLs. composite is true below
// oneOf/anyOf/not, where AJV ignores defaults.
func (c *compiler) node(s *Schema, at string, composite bool) (*node, error) {
	if s == nil {
		s = &Schema{}
	}
	n := &node{composite: composite}
	fail := func(format string, args ...any) (*node, error) {
		return nil, fmt.Errorf("schema: %s: %s", at, fmt.Sprintf(format, args...))
	}
	post := map[string]any{}
	var additionalFalse bool

	// type (+ nullable)
	if t, ok := s.Get("type"); ok {
		n.types = s.typeNames()
		switch tv := t.(type) {
		case string:
			n.typeMsg = "must be " + tv
		default:
			n.typeMsg = "must be " + strings.Join(n.types, ",")
		}
	}
	if nullable, _ := s.Get("nullable"); nullable == true {
		if len(n.types) == 0 {
			return fail(`"nullable" cannot be used without "type"`)
		}
		if !slices.Contains(n.types, "null") {
			n.types = append(slices.Clone(n.types), "null")
		}
	}
	for _, t := range n.types {
		n.typeSet |= typeSetOf(t)
		if coercible(t) {
			n.coerceTo = append(n.coerceTo, t)
		}
	}

	for _, kw := range s.kws {
		name, val := kw.name, kw.value
		switch {
		case name == "type" || name == "nullable" || annotations[name]:
		case name == "const":
			sch, err := c.fragment(at+"/const", map[string]any{"const": val})
			if err != nil {
				return nil, err
			}
			n.constSch = sch
		case name == "enum":
			sch, err := c.fragment(at+"/enum", map[string]any{"enum": val})
			if err != nil {
				return nil, err
			}
			n.enumSch = sch
		case name == "format":
			f, _ := val.(string)
			if !knownFormats[f] {
				return fail("unknown format %q", f)
			}
			sch, err := c.fragment(at+"/format", map[string]any{"format": f})
			if err != nil {
				return nil, err
			}
			n.formatSch, n.format = sch, f
		case slices.Contains(postKeywords, name):
			post[name] = val
			switch name {
			case "pattern":
				n.pattern, _ = val.(string)
			case "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf":
				f, ok := toFloat(val)
				if !ok {
					return fail("%q must be a number", name)
				}
				n.setLimit(name, f)
			}
		case name == "not":
			sub, ok := val.(*Schema)
			if !ok {
				return fail(`"not" must be a schema`)
			}
			child, err := c.node(sub, at+"/not", true)
			if err != nil {
				return nil, err
			}
			n.not = child
		case isSchemaListKeyword(name):
			list, ok := val.([]*Schema)
			if !ok || len(list) == 0 {
				return fail("%q must be a non-empty array of schemas", name)
			}
			children := make([]*node, len(list))
			for i, sub := range list {
				child, err := c.node(sub, fmt.Sprintf("%s/%s/%d", at, name, i), composite || name != "allOf")
				if err != nil {
					return nil, err
				}
				children[i] = child
			}
			switch name {
			case "oneOf":
				n.oneOf = children
			case "anyOf":
				n.anyOf = children
			default:
				n.allOf = children
			}
		case name == "items":
			sub, ok := val.(*Schema)
			if !ok {
				return fail(`only a single schema is supported for "items"`)
			}
			child, err := c.node(sub, at+"/items", composite)
			if err != nil {
				return nil, err
			}
			n.items = child
		case name == "properties":
			props, ok := val.([]Property)
			if !ok {
				return fail(`"properties" must map names to schemas`)
			}
			for _, p := range props {
				child, err := c.node(p.Schema, at+"/properties/"+p.Name, composite)
				if err != nil {
					return nil, err
				}
				n.props = append(n.props, prop{name: p.Name, node: child})
				if def, ok := p.Schema.Get("default"); ok && !composite {
					n.defaults = append(n.defaults, prop{name: p.Name, def: def})
				}
			}
		case name == "patternProperties":
			props, ok := val.([]Property)
			if !ok {
				return fail(`"patternProperties" must map patterns to schemas`)
			}
			for _, p := range props {
				re, err := newJSRegexp(p.Name)
				if err != nil {
					return fail("%v", err)
				}
				child, err := c.node(p.Schema, at+"/patternProperties/"+p.Name, composite)
				if err != nil {
					return nil, err
				}
				n.patterns = append(n.patterns, patternProp{re: re, source: p.Name, node: child})
			}
		case name == "additionalProperties":
			switch v := val.(type) {
			case bool:
				additionalFalse = !v
			case *Schema:
				child, err := c.node(v, at+"/additionalProperties", composite)
				if err != nil {
					return nil, err
				}
				n.additional = child
			default:
				return fail(`"additionalProperties" must be a boolean or a schema`)
			}
		case name == KeywordDeepPropertyNames:
			sub, ok := val.(*Schema)
			if !ok {
				return fail("%q must be a schema", name)
			}
			child, err := c.node(sub, at+"/"+name, true)
			if err != nil {
				return nil, err
			}
			n.deepKeys = child
		case name == KeywordMaxDepth || name == KeywordMaxJSONBytes:
			f, ok := toFloat(val)
			if !ok || f < 1 || f != float64(int(f)) {
				return fail("%q must be a positive integer", name)
			}
			if name == KeywordMaxDepth {
				n.maxDepth = int(f)
			} else {
				n.maxJSONBytes = int(f)
			}
		case name == KeywordQueryFilter:
			on, ok := val.(bool)
			if !ok {
				return fail("%q must be a boolean", name)
			}
			n.queryFilter = on
		default:
			return fail("unsupported keyword %q", name)
		}
	}

	// additionalProperties:false is asserted by jsonschema/v6 in its own
	// fragment, which needs the declared names and patterns; the walker only
	// runs it when the object has an undeclared key (it cannot fail
	// otherwise), which keeps the valid path cheap.
	if len(n.props) > 0 {
		n.propSet = make(map[string]bool, len(n.props))
		for _, p := range n.props {
			n.propSet[p.name] = true
		}
	}
	if additionalFalse {
		addl := map[string]any{"additionalProperties": false}
		if len(n.props) > 0 {
			names := make(map[string]any, len(n.props))
			for _, p := range n.props {
				names[p.name] = true
			}
			addl["properties"] = names
		}
		if len(n.patterns) > 0 {
			pats := make(map[string]any, len(n.patterns))
			for _, p := range n.patterns {
				pats[p.source] = true
			}
			addl["patternProperties"] = pats
		}
		sch, err := c.fragment(at+"/additionalProperties", addl)
		if err != nil {
			return nil, err
		}
		n.addlSch = sch
	}
	if len(post) > 0 {
		sch, err := c.fragment(at+"/post", post)
		if err != nil {
			return nil, err
		}
		n.postSch = sch
	}

	// AJV checks (and coerces) the type up front unless the only declared
	// type is object or array and the schema has keywords for that type; in
	// that case the type error is reported with that type's keyword group.
	if len(n.types) > 0 {
		n.typeEarly = true
		if len(n.coerceTo) == 0 && len(n.types) == 1 {
			switch n.types[0] {
			case "object":
				n.typeEarly = !hasAny(s, objectKeywords)
			case "array":
				n.typeEarly = !hasAny(s, arrayKeywords)
			}
		}
		if !n.typeEarly {
			n.lateGroup = groupOf(typeSetOf(n.types[0]))
		}
	}
	return n, nil
}

func hasAny(s *Schema, names []string) bool {
	for _, name := range names {
		if s.Has(name) {
			return true
		}
	}
	return false
}

// fragment compiles one node-local schema (assertion keywords only) with
// jsonschema/v6.
func (c *compiler) fragment(at string, doc map[string]any) (*jsonschema.Schema, error) {
	c.n++
	loc := fmt.Sprintf("mem:///fragment/%d.json", c.n)
	if err := c.js.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", at, err)
	}
	sch, err := c.js.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", at, err)
	}
	return sch, nil
}

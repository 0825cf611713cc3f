package schema

import (
	"fmt"
	"maps"
	"net/url"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The Strict and Coerce modes. A schema is hardened (Harden) and compiled
// whole by jsonschema/v6, which reports every failure with its instance
// location and error kind; those become Problems (problems.go). Before
// that, a small prepared tree (prep) inserts defaults and, when the mode
// coerces, coerces scalars with AJV's rules (coerce.go). The AJV walker
// (validate.go) is not used: these modes need no AJV message or order.

// checked is one schema compiled for Check.
type checked struct {
	js     *jsonschema.Schema
	prep   *prep   // nil: nothing to insert or coerce
	schema *Schema // hardened, to order problems by declaration
}

// prep is the part of a schema Check applies before validating: declared
// types to coerce to (Coerce mode, and always for parameters), defaults,
// and the same for properties, items and additionalProperties. It does
// not look below oneOf/anyOf/allOf/not.
type prep struct {
	typeSet    typeSet
	coerceTo   []string
	defaults   []prop
	props      map[string]*prep
	declared   map[string]bool // declared properties, when additional is set
	items      *prep
	additional *prep
}

// freeFormKeywords are the AJV walker's own keywords; jsonschema/v6 would
// ignore them, so the checked modes refuse them rather than drop a bound.
var freeFormKeywords = []string{KeywordDeepPropertyNames, KeywordMaxDepth, KeywordMaxJSONBytes}

// checkedRoot hardens s and compiles it whole with jsonschema/v6.
func (c *compiler) checkedRoot(s *Schema, name string, coerce bool) (*checked, error) {
	h := Harden(s)
	if err := refuseFreeForm(h, name); err != nil {
		return nil, err
	}
	doc, err := toDoc(h)
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	loc := "mem:///checked/" + url.PathEscape(name) + ".json"
	if err := c.js.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	js, err := c.js.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	return &checked{js: js, prep: newPrep(h, coerce), schema: h}, nil
}

func refuseFreeForm(s *Schema, at string) error {
	if s == nil {
		return nil
	}
	for _, kw := range s.kws {
		if slices.Contains(freeFormKeywords, kw.name) {
			return fmt.Errorf("schema: %s: %q is only supported in the AJV mode", at, kw.name)
		}
		var err error
		switch v := kw.value.(type) {
		case *Schema:
			err = refuseFreeForm(v, at+"/"+kw.name)
		case []*Schema:
			for i, sub := range v {
				if err = refuseFreeForm(sub, fmt.Sprintf("%s/%s/%d", at, kw.name, i)); err != nil {
					break
				}
			}
		case []Property:
			for _, p := range v {
				if err = refuseFreeForm(p.Schema, at+"/"+kw.name+"/"+p.Name); err != nil {
					break
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// newPrep builds the prep of s, or nil when s needs none.
func newPrep(s *Schema, coerce bool) *prep {
	if s == nil {
		return nil
	}
	p := &prep{}
	need := false
	if coerce {
		for _, t := range s.typeNames() {
			p.typeSet |= typeSetOf(t)
			if coercible(t) {
				p.coerceTo = append(p.coerceTo, t)
			}
		}
		need = len(p.coerceTo) > 0
	}
	for _, pr := range s.PropertyList() {
		if def, ok := pr.Schema.Get("default"); ok {
			p.defaults = append(p.defaults, prop{name: pr.Name, def: def})
			need = true
		}
		if sub := newPrep(pr.Schema, coerce); sub != nil {
			if p.props == nil {
				p.props = map[string]*prep{}
			}
			p.props[pr.Name] = sub
			need = true
		}
	}
	if items, ok := s.Get("items"); ok {
		if sub, ok := items.(*Schema); ok {
			p.items = newPrep(sub, coerce)
			need = need || p.items != nil
		}
	}
	if addl, ok := s.Get("additionalProperties"); ok {
		if sub, ok := addl.(*Schema); ok {
			p.additional = newPrep(sub, coerce)
			if p.additional != nil {
				need = true
				p.declared = map[string]bool{}
				for _, pr := range s.PropertyList() {
					p.declared[pr.Name] = true
				}
			}
		}
	}
	if !need {
		return nil
	}
	return p
}

// apply returns v with defaults inserted and scalars coerced, copying on
// write (v is never modified). changed reports a copy; coerced that a
// scalar was coerced.
func (p *prep) apply(v any) (out any, changed, coerced bool) {
	if p == nil {
		return v, false, false
	}
	t := typeOf(v)
	if len(p.coerceTo) > 0 && !p.typeSet.matches(v, t) {
		if cv, ok := coerce(v, t, p.coerceTo); ok {
			return cv, true, true
		}
		return v, false, false
	}
	switch val := v.(type) {
	case map[string]any:
		owned := false
		set := func(k string, e any) {
			if !owned {
				val, owned = maps.Clone(val), true
			}
			val[k] = e
		}
		for _, d := range p.defaults {
			if _, ok := val[d.name]; !ok {
				set(d.name, deepCopy(d.def))
			}
		}
		for k, e := range val {
			sub := p.props[k]
			if sub == nil {
				if p.additional == nil || p.declared[k] {
					continue
				}
				sub = p.additional
			}
			if ne, ch, co := sub.apply(e); ch {
				set(k, ne)
				coerced = coerced || co
			}
		}
		return val, owned, coerced
	case []any:
		if p.items == nil {
			return v, false, false
		}
		owned := false
		for i, e := range val {
			if ne, ch, co := p.items.apply(e); ch {
				if !owned {
					val, owned = slices.Clone(val), true
				}
				val[i] = ne
				coerced = coerced || co
			}
		}
		return val, owned, coerced
	}
	return v, false, false
}

package schema

import "slices"

// KeywordQueryFilter is the custom keyword added to every object schema by
// Harden. Its check is IsSafeQueryFilter; its message is
// MsgInvalidQueryFilter.
const KeywordQueryFilter = "queryFilter"

// Harden returns s with the reference's default schema enhancements
// (applyDefaultSchemaEnhancements) applied. Recursively
// through "properties", "allOf"/"anyOf"/"oneOf" and "items" (the latter only
// when "type" is exactly "array"), every object schema — "type":"object", a
// type list containing "object", or an untyped schema with "properties" or
// "patternProperties" — gets "additionalProperties": false unless it sets
// additionalProperties itself, and "queryFilter": true unless it sets
// queryFilter itself. Compile applies Harden; it is exported for
// documentation generators that want to show the effective schema.
func Harden(s *Schema) *Schema {
	if s == nil {
		return nil
	}
	out := s
	if isObjectSchema(s) {
		if !s.Has("additionalProperties") {
			out = out.with("additionalProperties", false)
		}
		if !s.Has(KeywordQueryFilter) {
			out = out.with(KeywordQueryFilter, true)
		}
	}
	for _, kw := range s.kws {
		switch {
		case kw.name == "properties":
			if props, ok := kw.value.([]Property); ok {
				hardened := make([]Property, len(props))
				for i, p := range props {
					hardened[i] = Property{p.Name, Harden(p.Schema)}
				}
				out = out.with(kw.name, hardened)
			}
		case isSchemaListKeyword(kw.name):
			if list, ok := kw.value.([]*Schema); ok {
				hardened := make([]*Schema, len(list))
				for i, sub := range list {
					hardened[i] = Harden(sub)
				}
				out = out.with(kw.name, hardened)
			}
		case kw.name == "items":
			if t, _ := s.Get("type"); t == "array" {
				if sub, ok := kw.value.(*Schema); ok {
					out = out.with(kw.name, Harden(sub))
				}
			}
		}
	}
	return out
}

func isObjectSchema(s *Schema) bool {
	if !s.Has("type") {
		return s.Has("properties") || s.Has("patternProperties")
	}
	return slices.Contains(s.typeNames(), "object")
}

package schema

// Constructors and chainable setters for writing schemas in Go. Each call
// returns a new *Schema; receivers are never modified.
//
//	uploadedFile := schema.Object(
//		schema.Prop("objectId", schema.String().Format(schema.FormatUUID)),
//		schema.Prop("type", schema.String()),
//	).Required("objectId", "type")

// Any returns the empty schema {}, which accepts every value.
func Any() *Schema { return &Schema{} }

// Type returns {"type": t} for one type, or {"type": [t...]} for several.
func Type(types ...string) *Schema {
	if len(types) == 1 {
		return Any().with("type", types[0])
	}
	list := make([]any, len(types))
	for i, t := range types {
		list[i] = t
	}
	return Any().with("type", list)
}

// String returns {"type":"string"}.
func String() *Schema { return Type("string") }

// Number returns {"type":"number"}.
func Number() *Schema { return Type("number") }

// Integer returns {"type":"integer"}.
func Integer() *Schema { return Type("integer") }

// Boolean returns {"type":"boolean"}.
func Boolean() *Schema { return Type("boolean") }

// Null returns {"type":"null"}.
func Null() *Schema { return Type("null") }

// Array returns {"type":"array","items":items}; items may be nil.
func Array(items *Schema) *Schema {
	s := Type("array")
	if items != nil {
		s = s.with("items", items)
	}
	return s
}

// Object returns {"type":"object","properties":{...}} with the properties in
// the given order.
func Object(props ...Property) *Schema {
	s := Type("object")
	if len(props) > 0 {
		s = s.with("properties", append([]Property(nil), props...))
	}
	return s
}

// Prop names a property schema for Object and (*Schema).Props.
func Prop(name string, s *Schema) Property { return Property{Name: name, Schema: s} }

// OneOf returns {"oneOf":[...]}.
func OneOf(branches ...*Schema) *Schema {
	return Any().with("oneOf", append([]*Schema(nil), branches...))
}

// AnyOf returns {"anyOf":[...]}.
func AnyOf(branches ...*Schema) *Schema {
	return Any().with("anyOf", append([]*Schema(nil), branches...))
}

// AllOf returns {"allOf":[...]}.
func AllOf(branches ...*Schema) *Schema {
	return Any().with("allOf", append([]*Schema(nil), branches...))
}

// Not returns {"not":s}.
func Not(s *Schema) *Schema { return Any().with("not", s) }

// Enum returns {"enum":[values...]} (untyped).
func Enum(values ...any) *Schema { return Any().Enum(values...) }

// Set returns a copy of s with keyword name set to value. Sub-schema
// keywords take *Schema (items, additionalProperties, not), []*Schema
// (oneOf, anyOf, allOf) or []Property (properties, patternProperties); other
// values are normalised to plain JSON (numbers become float64).
func (s *Schema) Set(name string, value any) *Schema {
	switch value.(type) {
	case *Schema, []*Schema, []Property:
	default:
		if v, err := jsonValue(value); err == nil {
			value = v
		}
	}
	return s.with(name, value)
}

// Props returns a copy of s whose "properties" are the existing ones
// followed by props (a property with an existing name replaces it in place).
func (s *Schema) Props(props ...Property) *Schema {
	merged := append([]Property(nil), s.PropertyList()...)
next:
	for _, p := range props {
		for i := range merged {
			if merged[i].Name == p.Name {
				merged[i] = p
				continue next
			}
		}
		merged = append(merged, p)
	}
	return s.with("properties", merged)
}

// Items sets "items".
func (s *Schema) Items(items *Schema) *Schema { return s.with("items", items) }

// Required sets "required" (in this order, which is the reference's
// message order).
func (s *Schema) Required(names ...string) *Schema {
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	return s.with("required", list)
}

// AdditionalProperties sets "additionalProperties" to a boolean. Object
// schemas default to false; true makes a free-form object.
func (s *Schema) AdditionalProperties(allowed bool) *Schema {
	return s.with("additionalProperties", allowed)
}

// MinLength sets "minLength".
func (s *Schema) MinLength(n int) *Schema { return s.with("minLength", float64(n)) }

// MaxLength sets "maxLength".
func (s *Schema) MaxLength(n int) *Schema { return s.with("maxLength", float64(n)) }

// Pattern sets "pattern" (JavaScript regular expression syntax).
func (s *Schema) Pattern(re string) *Schema { return s.with("pattern", re) }

// Format sets "format" (FormatEmail, FormatUUID, ...).
func (s *Schema) Format(name string) *Schema { return s.with("format", name) }

// Minimum sets "minimum".
func (s *Schema) Minimum(x float64) *Schema { return s.with("minimum", x) }

// Maximum sets "maximum".
func (s *Schema) Maximum(x float64) *Schema { return s.with("maximum", x) }

// ExclusiveMinimum sets "exclusiveMinimum" (draft-07 number form).
func (s *Schema) ExclusiveMinimum(x float64) *Schema { return s.with("exclusiveMinimum", x) }

// ExclusiveMaximum sets "exclusiveMaximum" (draft-07 number form).
func (s *Schema) ExclusiveMaximum(x float64) *Schema { return s.with("exclusiveMaximum", x) }

// MultipleOf sets "multipleOf".
func (s *Schema) MultipleOf(x float64) *Schema { return s.with("multipleOf", x) }

// MinItems sets "minItems".
func (s *Schema) MinItems(n int) *Schema { return s.with("minItems", float64(n)) }

// MaxItems sets "maxItems".
func (s *Schema) MaxItems(n int) *Schema { return s.with("maxItems", float64(n)) }

// UniqueItems sets "uniqueItems": true.
func (s *Schema) UniqueItems() *Schema { return s.with("uniqueItems", true) }

// MinProperties sets "minProperties".
func (s *Schema) MinProperties(n int) *Schema { return s.with("minProperties", float64(n)) }

// MaxProperties sets "maxProperties".
func (s *Schema) MaxProperties(n int) *Schema { return s.with("maxProperties", float64(n)) }

// Enum sets "enum".
func (s *Schema) Enum(values ...any) *Schema { return s.Set("enum", values) }

// Const sets "const".
func (s *Schema) Const(v any) *Schema { return s.Set("const", v) }

// Default sets "default"; with the reference's useDefaults it is inserted
// when the property is absent from the body.
func (s *Schema) Default(v any) *Schema { return s.Set("default", v) }

// Nullable sets "nullable": true (AJV adds "null" to the allowed types).
func (s *Schema) Nullable() *Schema { return s.with("nullable", true) }

// Description sets "description" (an annotation, not validated).
func (s *Schema) Description(text string) *Schema { return s.with("description", text) }

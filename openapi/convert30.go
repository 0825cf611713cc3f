package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// OpenAPI30 renders the document as OpenAPI 3.0.3, for tools that do not
// read 3.1 yet. The operations are the same; the schemas are rewritten
// into 3.0's dialect of JSON Schema: a "null" type becomes nullable, const
// an enum of one, a numeric exclusiveMinimum a boolean next to minimum, a
// $ref with siblings an allOf, and keywords 3.0 does not know are kept
// under an "x-" name. It works on the JSON text, since a schema is free
// JSON: objects come out with their keys sorted.
func (d *Document) OpenAPI30() ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("openapi: 3.0 rendition: %w", err)
	}
	root["openapi"] = "3.0.3"
	delete(root, "jsonSchemaDialect")
	walk30(root)
	return json.Marshal(root)
}

// walk30 visits the document's objects and converts each schema it finds:
// the value of a "schema" key (parameters, media types) and the entries
// of components.schemas.
func walk30(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, sub := range v {
			switch {
			case k == "schema":
				v[k] = schema30(sub)
			case k == "schemas":
				if m, ok := sub.(map[string]any); ok {
					for name, s := range m {
						m[name] = schema30(s)
					}
				}
			default:
				walk30(sub)
			}
		}
	case []any:
		for _, sub := range v {
			walk30(sub)
		}
	}
}

// keywords30 are the keywords of an OpenAPI 3.0 Schema Object.
var keywords30 = []string{
	"title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
	"maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
	"maxProperties", "minProperties", "required", "enum", "type", "not", "allOf",
	"oneOf", "anyOf", "items", "properties", "additionalProperties", "description",
	"format", "default", "nullable", "discriminator", "readOnly", "writeOnly",
	"example", "externalDocs", "deprecated", "xml", "$ref",
}

// schema30 converts one JSON Schema 2020-12 (or draft-07) value.
func schema30(v any) any {
	s, ok := v.(map[string]any)
	if !ok {
		if v == true {
			return map[string]any{}
		}
		return v
	}
	out := map[string]any{}
	for k, val := range s {
		switch k {
		case "type":
			setType30(out, val)
		case "const":
			out["enum"] = []any{val}
		case "examples":
			if list, ok := val.([]any); ok && len(list) > 0 {
				out["example"] = list[0]
			}
		case "exclusiveMinimum", "exclusiveMaximum":
			if _, isBool := val.(bool); isBool {
				out[k] = val
				continue
			}
			bound := "minimum"
			if k == "exclusiveMaximum" {
				bound = "maximum"
			}
			out[bound], out[k] = val, true
		case "properties":
			props := map[string]any{}
			if m, ok := val.(map[string]any); ok {
				for name, ps := range m {
					props[name] = schema30(ps)
				}
			}
			out[k] = props
		case "items":
			if list, ok := val.([]any); ok { // draft-07 tuple
				branches := make([]any, len(list))
				for i, b := range list {
					branches[i] = schema30(b)
				}
				out[k] = map[string]any{"anyOf": branches}
				continue
			}
			out[k] = schema30(val)
		case "additionalProperties", "not":
			out[k] = schema30(val)
		case "allOf", "anyOf", "oneOf":
			list, _ := val.([]any)
			branches := make([]any, len(list))
			for i, b := range list {
				branches[i] = schema30(b)
			}
			out[k] = branches
		case "required":
			if list, ok := val.([]any); ok && len(list) > 0 {
				out[k] = val
			}
		default:
			if slices.Contains(keywords30, k) {
				out[k] = val
			} else {
				out["x-"+k] = val
			}
		}
	}
	if ref, ok := out["$ref"]; ok && len(out) > 1 {
		delete(out, "$ref")
		out["allOf"] = append([]any{map[string]any{"$ref": ref}}, listOf(out["allOf"])...)
	}
	return out
}

// setType30 writes a JSON Schema "type" the 3.0 way: one type, nullable
// for "null", anyOf for several.
func setType30(out map[string]any, t any) {
	list, ok := t.([]any)
	if !ok {
		if t == "null" {
			out["nullable"] = true
			out["enum"] = []any{nil}
			return
		}
		out["type"] = t
		return
	}
	var types []any
	for _, e := range list {
		if e == "null" {
			out["nullable"] = true
		} else {
			types = append(types, e)
		}
	}
	switch len(types) {
	case 0:
		out["enum"] = []any{nil}
	case 1:
		out["type"] = types[0]
	default:
		branches := make([]any, len(types))
		for i, e := range types {
			branches[i] = map[string]any{"type": e}
		}
		out["anyOf"] = append(listOf(out["anyOf"]), branches...)
	}
}

func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

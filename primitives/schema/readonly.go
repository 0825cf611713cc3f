package schema

import (
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/message"
)

// Read-only properties. JSON Schema's "readOnly": true (an annotation in
// draft-07 and 2020-12, and in OpenAPI 3.1) says the value is owned by the
// server: it appears in what the server answers, and a client that sends
// it is trying to write it (mass assignment: an id, a timestamp, an
// owner). The Strict and Coerce modes refuse a request that sends a
// property whose schema has "readOnly": true, with one problem of rule
// "readOnly" at the property and nothing about its value. The AJV mode
// keeps the reference's behaviour (an annotation, ignored).

const (
	// RuleReadOnly is a body field the server sets: a property whose
	// schema has "readOnly": true, sent in a request.
	RuleReadOnly = "readOnly"
	// MsgReadOnly is the message of a RuleReadOnly problem.
	MsgReadOnly = "is set by the server"
)

// ReadOnly sets "readOnly": true: the value is set by the server. In the
// Strict and Coerce modes a request body that sends the property is
// refused (rule "readOnly"); in a response it documents the field.
func (s *Schema) ReadOnly() *Schema { return s.with("readOnly", true) }

// isReadOnly reports whether s has "readOnly": true.
func isReadOnly(s *Schema) bool {
	v, _ := s.Get("readOnly")
	b, _ := v.(bool)
	return b
}

// refuseReadOnly rewrites a compiled document (toDoc's output, which it
// owns) so that each read-only property's schema is {"readOnly": true}
// alone: the readOnly vocabulary then refuses any value sent there, and no
// other keyword reports on a value the client should not have sent.
func refuseReadOnly(doc map[string]any) {
	for k, v := range doc {
		switch {
		case isPropertiesKeyword(k):
			props, _ := v.(map[string]any)
			for name, sub := range props {
				m, ok := sub.(map[string]any)
				if !ok {
					continue
				}
				if ro, _ := m["readOnly"].(bool); ro {
					props[name] = map[string]any{"readOnly": true}
					continue
				}
				refuseReadOnly(m)
			}
		case isSchemaKeyword(k):
			if m, ok := v.(map[string]any); ok {
				refuseReadOnly(m)
			}
		case isSchemaListKeyword(k):
			list, _ := v.([]any)
			for _, e := range list {
				if m, ok := e.(map[string]any); ok {
					refuseReadOnly(m)
				}
			}
		}
	}
}

// readOnlyVocabulary makes jsonschema/v6 assert "readOnly": true in the
// documents of the Strict and Coerce modes (checkedRoot): any value
// there fails with readOnlyKind. The AJV mode never validates with the
// compiled whole document (its fragments hold assertions only), so it
// is unaffected.
func readOnlyVocabulary() (*jsonschema.Vocabulary, error) {
	const url = "https://blockyard.dev/vocab/read-only"
	c := jsonschema.NewCompiler()
	meta := map[string]any{"properties": map[string]any{"readOnly": map[string]any{"type": "boolean"}}}
	if err := c.AddResource(url, meta); err != nil {
		return nil, err
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	return &jsonschema.Vocabulary{
		URL:    url,
		Schema: sch,
		Compile: func(_ *jsonschema.CompilerContext, obj map[string]any) (jsonschema.SchemaExt, error) {
			if ro, _ := obj["readOnly"].(bool); ro {
				return readOnlyExt{}, nil
			}
			return nil, nil
		},
	}, nil
}

type readOnlyExt struct{}

// Validate implements jsonschema.SchemaExt: a value is present where the
// server owns it.
func (readOnlyExt) Validate(ctx *jsonschema.ValidatorContext, _ any) {
	ctx.AddError(readOnlyKind{})
}

// readOnlyKind is the jsonschema/v6 error kind of a read-only value sent.
type readOnlyKind struct{}

func (readOnlyKind) KeywordPath() []string { return []string{"readOnly"} }

func (readOnlyKind) LocalizedString(*message.Printer) string { return MsgReadOnly }

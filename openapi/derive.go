package openapi

import (
	"encoding/json"
	"reflect"

	"github.com/blockyard/blockyard/primitives/model"
)

// derive is the JSON schema of a response type (model.Derive in Response
// mode), named struct types written as the $ref that ref returns for them.
func derive(t reflect.Type, ref func(reflect.Type) string) (json.RawMessage, error) {
	s, err := model.Derive(t, model.Options{Response: true, Ref: ref})
	if err != nil {
		return nil, err
	}
	return json.Marshal(s)
}

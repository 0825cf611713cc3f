package model

import (
	"reflect"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Derive returns the JSON schema of values of type t, from its json
// names and its validate, default and doc tags (see the package
// documentation for the rules). Errors are programming errors, reported
// at mount: an unsupported validate tag, a default that does not fit its
// field, a type JSON cannot carry (a channel, a func). The result is
// cached per type and Options (unless Options.Ref is set) and must not be
// modified; a *schema.Schema is immutable anyway.
func Derive(t reflect.Type, o Options) (*schema.Schema, error) {
	panic("TODO")
}

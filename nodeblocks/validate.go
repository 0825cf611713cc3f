package nodeblocks

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// ConfigError is a Config value the domain cannot run with, found at
// Mount: a misspelt AuthMode ("Cookie") or SameSite ("strct") used to be
// taken for the default without a word, leaving a service on bearer
// tokens or strict cookies that its author believed configured otherwise.
type ConfigError struct {
	// Field is the field's path, e.g. "Config.Cookie.SameSite".
	Field string
	// Value is the value found, as %v prints it.
	Value string
	// Rule is the validator/v10 rule it breaks ("oneof", "gt", "gte").
	Rule string
	// Param is the rule's parameter: the allowed values of oneof, the
	// bound of gt and gte.
	Param string
}

// Error says what is wrong and what would be accepted.
func (e *ConfigError) Error() string {
	switch e.Rule {
	case "oneof":
		return fmt.Sprintf("nodeblocks: %s is %q; want one of: %s", e.Field, e.Value, strings.ReplaceAll(e.Param, " ", ", "))
	case "gt":
		return fmt.Sprintf("nodeblocks: %s is %s; want more than %s", e.Field, e.Value, e.Param)
	case "gte":
		return fmt.Sprintf("nodeblocks: %s is %s; want at least %s", e.Field, e.Value, e.Param)
	}
	return fmt.Sprintf("nodeblocks: %s is %q, which breaks the rule %s=%s", e.Field, e.Value, e.Rule, e.Param)
}

// configValidator checks Config's validate tags; built once.
var configValidator = sync.OnceValue(func() *validator.Validate {
	return validator.New(validator.WithRequiredStructEnabled())
})

// Validate checks c with its defaults applied (so a zero field is its
// default, never an error) against the rules in Config's validate tags,
// and returns a *ConfigError for the first field that breaks one (in the
// order of Config's fields), nil when every field is usable. The routes'
// setups call it at Mount, so a misconfigured service never starts.
func (c Config) Validate() error {
	err := configValidator().Struct(c.Defaults())
	var fes validator.ValidationErrors
	if !errors.As(err, &fes) {
		return err
	}
	fe := fes[0]
	return &ConfigError{Field: fe.Namespace(), Value: fmt.Sprint(fe.Value()), Rule: fe.Tag(), Param: fe.Param()}
}

package model

import (
	"errors"
	"slices"
	"strings"

	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/go-playground/validator/v10"
)

// crossCheck runs validator/v10 on a decoded value (a pointer to a
// struct) and returns its failures as problems located in the body. With
// only non-nil, a failure counts only when it lies below one of those
// top-level names (a patch: the fields it sent).
func crossCheck(v any, only []string) []schema.Problem {
	err := checker().Struct(v)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return []schema.Problem{{Location: "body", Rule: "invalid", Message: err.Error()}}
	}
	var problems []schema.Problem
	for _, fe := range verrs {
		// Namespace is "Type.lines[2].unit": drop the type's name.
		_, path, _ := strings.Cut(fe.Namespace(), ".")
		if only != nil {
			top, _, _ := strings.Cut(path, ".")
			top, _, _ = strings.Cut(top, "[")
			if !slices.Contains(only, top) {
				continue
			}
		}
		p := schema.Problem{Location: "body." + path, Rule: fe.Tag(), Message: crossMessage(fe.Tag(), fe.Param())}
		if fe.Param() != "" {
			p.Accepted = fe.Param()
		}
		problems = append(problems, p)
	}
	return problems
}

// crossMessages are the sentences of validator/v10's rules; %s is the
// rule's parameter.
var crossMessages = map[string]string{
	"eqfield": "must equal %s", "nefield": "must differ from %s",
	"gtfield": "must be greater than %s", "gtefield": "must be at least %s",
	"ltfield": "must be less than %s", "ltefield": "must be at most %s",
	"required": "is required",
}

func crossMessage(tag, param string) string {
	if m, ok := crossMessages[tag]; ok {
		return strings.Replace(m, "%s", param, 1)
	}
	switch {
	case strings.HasPrefix(tag, "required_"):
		return "is required here (" + tag + " " + param + ")"
	case strings.HasPrefix(tag, "excluded_"):
		return "must be absent here (" + tag + " " + param + ")"
	}
	if param != "" {
		return "must satisfy " + tag + "=" + param
	}
	return "must satisfy " + tag
}

package model

import (
	"fmt"
	"strings"
)

// rule is one validate tag: its name and parameter ("min", "3").
type rule struct {
	name, param string
}

// rules are the validate tags of one level of a field: the field itself,
// or (after "dive") its elements.
type rules struct {
	list []rule
	dive *rules // rules after "dive"
}

func (rs *rules) has(name string) bool {
	if rs == nil {
		return false
	}
	for _, r := range rs.list {
		if r.name == name {
			return true
		}
	}
	return false
}

// parseRules splits a validate tag (validator/v10 syntax) into levels at
// each "dive". An OR ("a|b") and "keys"/"endkeys" are refused: a JSON
// schema could state them, but Derive does not yet.
func parseRules(tag string) (*rules, error) {
	root := &rules{}
	cur := root
	if tag == "" {
		return root, nil
	}
	for part := range strings.SplitSeq(tag, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.Contains(part, "|") {
			return nil, fmt.Errorf("validate tag %q: alternatives (%q) are not supported", tag, part)
		}
		name, param, _ := strings.Cut(part, "=")
		if name == "dive" {
			cur.dive = &rules{}
			cur = cur.dive
			continue
		}
		if name == "keys" || name == "endkeys" {
			return nil, fmt.Errorf("validate tag %q: %q is not supported", tag, name)
		}
		cur.list = append(cur.list, rule{name: name, param: strings.ReplaceAll(param, "0x2C", ",")})
	}
	return root, nil
}

// crossField are validator/v10's rules that compare a field with another
// field or depend on one: a JSON schema of the field alone cannot state
// them, so Bind runs validator/v10 on types that use them.
var crossField = map[string]bool{
	"eqfield": true, "nefield": true, "gtfield": true, "gtefield": true, "ltfield": true, "ltefield": true,
	"eqcsfield": true, "necsfield": true, "gtcsfield": true, "gtecsfield": true, "ltcsfield": true, "ltecsfield": true,
	"fieldcontains": true, "fieldexcludes": true,
	"required_if": true, "required_unless": true, "required_with": true, "required_with_all": true,
	"required_without": true, "required_without_all": true,
	"excluded_if": true, "excluded_unless": true, "excluded_with": true, "excluded_with_all": true,
	"excluded_without": true, "excluded_without_all": true, "skip_unless": true,
}

// conditional are the cross-field rules that decide whether the field may
// be absent: the schema leaves such a field optional.
func conditional(name string) bool {
	return strings.HasPrefix(name, "required_") || strings.HasPrefix(name, "excluded_") || name == "skip_unless"
}

// splitOneOf splits oneof's parameter like validator/v10: by spaces, with
// 'single quotes' around a value that has spaces.
func splitOneOf(param string) []string {
	var out []string
	for len(param) > 0 {
		param = strings.TrimLeft(param, " ")
		if param == "" {
			break
		}
		if param[0] == '\'' {
			if end := strings.IndexByte(param[1:], '\''); end >= 0 {
				out = append(out, param[1:end+1])
				param = param[end+2:]
				continue
			}
		}
		v, rest, _ := strings.Cut(param, " ")
		out = append(out, v)
		param = rest
	}
	return out
}

package schema

import (
	"errors"
	"sort"
	"strconv"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// AJV 8 messages without parameters.
const (
	msgConst      = "must be equal to constant"
	msgEnum       = "must be equal to one of the allowed values"
	msgNot        = "must NOT be valid"
	msgAnyOf      = "must match a schema in anyOf"
	msgOneOf      = "must match exactly one schema in oneOf"
	msgAdditional = "must NOT have additional properties"
)

// ranked is one AJV message with the position of its keyword in AJV's
// keyword order.
type ranked struct {
	rank int
	msg  string
}

// AJV keyword order inside the number, string, array and object groups.
const (
	rankMaximum = iota
	rankMinimum
	rankExclusiveMaximum
	rankExclusiveMinimum
	rankMultipleOf
	rankMaxLength
	rankMinLength
	rankPattern
	rankMaxItems
	rankMinItems
	rankUniqueItems
	rankMaxProperties
	rankMinProperties
	rankRequired
	rankAdditionalProperties
	rankOther
)

// assert validates v with a node-local jsonschema/v6 fragment and adds the
// failures as AJV messages in AJV keyword order.
func (r *run) assert(n *node, sch *jsonschema.Schema, v any) {
	err := sch.Validate(v)
	if err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		r.add(err.Error())
		return
	}
	var out []ranked
	collect(n, v, ve, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].rank < out[j].rank })
	for _, m := range out {
		r.add(m.msg)
	}
}

// collect maps the leaves of a jsonschema/v6 error tree to AJV messages.
// AJV (allErrors) reports one error per missing property and one per
// additional property, where jsonschema/v6 reports one error listing them.
func collect(n *node, v any, ve *jsonschema.ValidationError, out *[]ranked) {
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			collect(n, v, c, out)
		}
		return
	}
	add := func(rank int, msg string) { *out = append(*out, ranked{rank, msg}) }
	switch k := ve.ErrorKind.(type) {
	case *kind.Required:
		for _, p := range k.Missing {
			add(rankRequired, "must have required property '"+p+"'")
		}
	case *kind.AdditionalProperties:
		for range k.Properties {
			add(rankAdditionalProperties, msgAdditional)
		}
	case *kind.MaxProperties:
		add(rankMaxProperties, "must NOT have more than "+strconv.Itoa(k.Want)+" properties")
	case *kind.MinProperties:
		add(rankMinProperties, "must NOT have fewer than "+strconv.Itoa(k.Want)+" properties")
	case *kind.MaxItems:
		add(rankMaxItems, "must NOT have more than "+strconv.Itoa(k.Want)+" items")
	case *kind.MinItems:
		add(rankMinItems, "must NOT have fewer than "+strconv.Itoa(k.Want)+" items")
	case *kind.UniqueItems:
		a, _ := v.([]any)
		i, j := n.duplicatePair(a)
		if i < 0 {
			i, j = k.Duplicates[1], k.Duplicates[0]
		}
		add(rankUniqueItems, "must NOT have duplicate items (items ## "+strconv.Itoa(j)+
			" and "+strconv.Itoa(i)+" are identical)")
	case *kind.MaxLength:
		add(rankMaxLength, "must NOT have more than "+strconv.Itoa(k.Want)+" characters")
	case *kind.MinLength:
		add(rankMinLength, "must NOT have fewer than "+strconv.Itoa(k.Want)+" characters")
	case *kind.Pattern:
		add(rankPattern, `must match pattern "`+n.pattern+`"`)
	case *kind.Maximum:
		add(rankMaximum, "must be <= "+jsNumberString(n.limits[limMaximum].v))
	case *kind.Minimum:
		add(rankMinimum, "must be >= "+jsNumberString(n.limits[limMinimum].v))
	case *kind.ExclusiveMaximum:
		add(rankExclusiveMaximum, "must be < "+jsNumberString(n.limits[limExclusiveMaximum].v))
	case *kind.ExclusiveMinimum:
		add(rankExclusiveMinimum, "must be > "+jsNumberString(n.limits[limExclusiveMinimum].v))
	case *kind.MultipleOf:
		add(rankMultipleOf, "must be multiple of "+jsNumberString(n.limits[limMultipleOf].v))
	case *kind.Format:
		add(rankOther, `must match format "`+k.Want+`"`)
	case *kind.Enum:
		add(rankOther, msgEnum)
	case *kind.Const:
		add(rankOther, msgConst)
	case queryFilterKind:
		add(rankOther, MsgInvalidQueryFilter)
	default:
		add(rankOther, ve.Error())
	}
}

// duplicatePair finds the pair AJV's uniqueItems reports, (i, j) in its
// message "items ## j and i". When the items schema declares only scalar
// types AJV indexes the items by value scanning from the end (wrongly typed
// items are skipped); otherwise it compares every pair, i from the end and
// j below i. It returns -1, -1 when there is no duplicate.
func (n *node) duplicatePair(a []any) (i, j int) {
	var itemTypes []string
	if n.items != nil {
		itemTypes = n.items.types
	}
	scalar := len(itemTypes) > 0
	for _, t := range itemTypes {
		if t == "object" || t == "array" {
			scalar = false
		}
	}
	if !scalar {
		for i := len(a) - 1; i > 0; i-- {
			for j := i - 1; j >= 0; j-- {
				if jsonEqual(a[i], a[j]) {
					return i, j
				}
			}
		}
		return -1, -1
	}
	indices := map[string]int{}
	for i := len(a) - 1; i >= 0; i-- {
		item := a[i]
		t := typeOf(item)
		if !n.items.typeSet.matches(item, t) {
			continue
		}
		var key string
		switch t {
		case tString:
			key = item.(string)
			if len(itemTypes) > 1 {
				key += "_"
			}
		case tNumber:
			f, _ := toFloat(item)
			key = jsNumberString(f)
		case tBoolean:
			key = strconv.FormatBool(item.(bool))
		default:
			key = "null"
		}
		if j, ok := indices[key]; ok {
			return i, j
		}
		indices[key] = i
	}
	return -1, -1
}

// jsonEqual is deep equality of JSON values (numbers by value).
func jsonEqual(a, b any) bool {
	ta, tb := typeOf(a), typeOf(b)
	if ta != tb {
		return false
	}
	switch ta {
	case tNumber:
		fa, _ := toFloat(a)
		fb, _ := toFloat(b)
		return fa == fb
	case tArray:
		x, y := a.([]any), b.([]any)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case tObject:
		x, y := a.(map[string]any), b.(map[string]any)
		if len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return a == b
}

package schema

import "github.com/santhosh-tekuri/jsonschema/v6"

// node is the compiled form of one (hardened) schema object. The walker in
// validate.go visits nodes in AJV's keyword order, coerces values and asks
// jsonschema/v6 to evaluate the node's assertion keywords, which are
// compiled into small node-local fragments:
//
//	constSch  {"const": ...}        untyped group, before the applicators
//	enumSch   {"enum": [...]}       untyped group, after const
//	postSch   the type-specific assertions maximum … required
//	addlSch   additionalProperties:false (with the declared names)
//	formatSch {"format": ...}       after pattern, as in AJV
//
// const, enum and format are separate because jsonschema/v6 stops at the
// first of them that fails while AJV (allErrors) reports every keyword.
type node struct {
	types     []string // declared types ("nullable" adds "null")
	typeSet   typeSet
	typeMsg   string   // "must be string", "must be object,null"
	coerceTo  []string // declared coercible types, in declaration order
	typeEarly bool     // type checked and coerced before every keyword
	lateGroup group    // otherwise: the keyword group that reports it

	constSch, enumSch, postSch, addlSch, formatSch *jsonschema.Schema

	pattern string // source of "pattern", for its message
	format  string // name of "format", for its message
	limits  [numLimits]limit

	not                 *node
	anyOf, oneOf, allOf []*node

	items      *node
	props      []prop // "properties" in declaration order
	propSet    map[string]bool
	defaults   []prop // properties with a default (useDefaults)
	patterns   []patternProp
	additional *node // "additionalProperties" as a schema

	queryFilter bool
	composite   bool // below oneOf/anyOf/not: defaults are not applied

	// Free-form bounds (freeform.go); 0 and nil mean none.
	deepKeys     *node // deepPropertyNames
	maxDepth     int
	maxJSONBytes int
}

type prop struct {
	name string
	node *node
	def  any
}

type patternProp struct {
	re     *jsRegexp
	source string
	node   *node
}

// Numeric limits, in AJV's keyword order.
const (
	limMaximum = iota
	limMinimum
	limExclusiveMaximum
	limExclusiveMinimum
	limMultipleOf
	numLimits
)

type limit struct {
	set bool
	v   float64
}

func (n *node) setLimit(name string, f float64) {
	i := map[string]int{
		"maximum": limMaximum, "minimum": limMinimum,
		"exclusiveMaximum": limExclusiveMaximum, "exclusiveMinimum": limExclusiveMinimum,
		"multipleOf": limMultipleOf,
	}[name]
	n.limits[i] = limit{true, f}
}

// group is an AJV keyword group; groups run in this order, each only when
// the data has the group's type.
type group uint8

const (
	groupNone group = iota // null, boolean: no type-specific keywords
	groupNumber
	groupString
	groupArray
	groupObject
)

func groupOf(ts typeSet) group {
	switch {
	case ts&(setNumber|setInteger) != 0:
		return groupNumber
	case ts&setString != 0:
		return groupString
	case ts&setArray != 0:
		return groupArray
	case ts&setObject != 0:
		return groupObject
	}
	return groupNone
}

func groupOfType(t jtype) group {
	switch t {
	case tNumber:
		return groupNumber
	case tString:
		return groupString
	case tArray:
		return groupArray
	case tObject:
		return groupObject
	}
	return groupNone
}

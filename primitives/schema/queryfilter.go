package schema

import (
	"strings"
	"unicode/utf16"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/message"
)

// MsgInvalidQueryFilter is the message of the queryFilter keyword.
const MsgInvalidQueryFilter = "Invalid query filter format"

// maxRegexLength is the longest "$regex" value accepted (in UTF-16 code
// units, like JavaScript's String.length).
const maxRegexLength = 100

// allowedOperators are the "$" keys a query filter may contain.
var allowedOperators = map[string]bool{
	"$eq": true, "$ne": true, "$gt": true, "$gte": true, "$lt": true, "$lte": true,
	"$in": true, "$nin": true, "$regex": true, "$options": true, "$and": true, "$or": true,
}

// IsSafeQueryFilter reports whether v passes the reference's queryFilter
// keyword. Anywhere inside v (objects and arrays, at any
// depth) it rejects:
//   - the keys "__proto__", "constructor" and "prototype";
//   - keys starting with "$" other than $eq $ne $gt $gte $lt $lte $in $nin
//     $regex $options $and $or;
//   - a "$regex" value that is not a string, is longer than 100 characters
//     or is not a safe regular expression (IsSafeRegex).
//
// Scalars are always safe.
func IsSafeQueryFilter(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			switch {
			case k == "__proto__" || k == "constructor" || k == "prototype":
				return false
			case strings.HasPrefix(k, "$"):
				if !allowedOperators[k] {
					return false
				}
				if k == "$regex" {
					re, ok := e.(string)
					if !ok || utf16Len(re) > maxRegexLength || !IsSafeRegex(re) {
						return false
					}
				}
			}
			if !IsSafeQueryFilter(e) {
				return false
			}
		}
	case []any:
		for _, e := range v {
			if !IsSafeQueryFilter(e) {
				return false
			}
		}
	}
	return true
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// queryFilterVocabulary registers the queryFilter keyword with jsonschema/v6
// so that hardened schemas compile and validate there too. The request path
// calls IsSafeQueryFilter directly, after the object's properties, which is
// where AJV reports it.
func queryFilterVocabulary() (*jsonschema.Vocabulary, error) {
	const url = "https://blockyard.dev/vocab/query-filter"
	c := jsonschema.NewCompiler()
	meta := map[string]any{"properties": map[string]any{KeywordQueryFilter: map[string]any{"type": "boolean"}}}
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
			if on, _ := obj[KeywordQueryFilter].(bool); on {
				return queryFilterExt{}, nil
			}
			return nil, nil
		},
	}, nil
}

type queryFilterExt struct{}

// Validate implements jsonschema.SchemaExt.
func (queryFilterExt) Validate(ctx *jsonschema.ValidatorContext, v any) {
	if _, ok := v.(map[string]any); ok && !IsSafeQueryFilter(v) {
		ctx.AddError(queryFilterKind{})
	}
}

// queryFilterKind is the jsonschema/v6 error kind of the queryFilter keyword.
type queryFilterKind struct{}

func (queryFilterKind) KeywordPath() []string { return []string{KeywordQueryFilter} }

func (queryFilterKind) LocalizedString(*message.Printer) string { return MsgInvalidQueryFilter }

package schema

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Query strings are parsed like Express 4's "extended" query parser, i.e.
// qs.parse(str, {allowPrototypes: true}) with qs's defaults (depth 5,
// arrayLimit 20, parameterLimit 1000, no dots): "a[b]=c" gives an object,
// "a=1&a=2" and "a[]=1" give arrays, "a[1]=x" gives a (compacted) array.
// Leaf values are strings; a key without "=" has the value "".

const (
	qsDepth          = 5
	qsArrayLimit     = 20
	qsParameterLimit = 1000
)

// ParsedQuery is a parsed query string: the object Express's extended query
// parser builds as req.query (see ParseQueryString). Top-level keys keep
// JavaScript's property order (array-index-like keys first, ascending, then
// insertion order); values are a string, []any, map[string]any or, for qs's
// "a[b]=y&a=x" quirk, true. A nil *ParsedQuery is an empty query.
//
// Validation checks a ParsedQuery, and a handler must read the same one: a
// second parser (net/url's) would see parameters qs drops (those after the
// 1000th), decode differently ("%zz", ";") and flatten "a[b]" keys, so a
// handler could act on values that were never validated.
type ParsedQuery struct {
	keys []string
	vals map[string]any
}

// ParseQueryString parses a raw query string (a URL's RawQuery, without
// the "?") with the reference's rules: qs.parse with Express 4's options.
// Only the first 1000 "&"-separated parts are read (qs's parameterLimit);
// the rest is ignored, by validation and handlers alike.
func ParseQueryString(raw string) *ParsedQuery {
	if raw == "" {
		return &emptyQuery
	}
	q := parseQueryString(raw)
	return &q
}

// emptyQuery is every empty query: a ParsedQuery is never modified.
var emptyQuery ParsedQuery

// Keys returns the top-level keys in the reference's order. The caller
// must not modify the slice.
func (q *ParsedQuery) Keys() []string {
	if q == nil {
		return nil
	}
	return q.keys
}

// Lookup returns the value of the top-level key name (a string, []any,
// map[string]any or true) and whether the key is present.
func (q *ParsedQuery) Lookup(name string) (any, bool) {
	if q == nil {
		return nil, false
	}
	v, ok := q.vals[name]
	return v, ok
}

// Strings returns the string values of the top-level key name: the value
// itself when it is a string, the string elements of an array (a repeated
// key, or "name[]"), and nil for an absent key, an object or true.
func (q *ParsedQuery) Strings(name string) []string {
	v, _ := q.Lookup(name)
	return stringValues(v)
}

// Values returns the query's string values (see Strings) as url.Values,
// keyed by top-level key; keys with no string value are left out. It is a
// new map on every call.
func (q *ParsedQuery) Values() url.Values {
	out := make(url.Values, len(q.Keys()))
	for _, k := range q.Keys() {
		if vs := stringValues(q.vals[k]); vs != nil {
			out[k] = vs
		}
	}
	return out
}

func stringValues(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// QuerySource is implemented by an Input.Path that already holds the
// request's parsed query; *primitives.Request does. Validate then checks
// that very ParsedQuery instead of parsing Input.RawQuery (or Input.Query)
// again, so what the handler reads through the request is, by
// construction, what was validated. A nil result falls back to the
// Input's fields.
type QuerySource interface {
	ParsedQuery() *ParsedQuery
}

func parseInputQuery(in Input) ParsedQuery {
	if src, ok := in.Path.(QuerySource); ok {
		if q := src.ParsedQuery(); q != nil {
			return *q
		}
	}
	if in.RawQuery != "" {
		return parseQueryString(in.RawQuery)
	}
	if len(in.Query) == 0 {
		return ParsedQuery{}
	}
	names := make([]string, 0, len(in.Query))
	for k := range in.Query {
		names = append(names, k)
	}
	sort.Strings(names)
	var pairs []qsPair
	for _, k := range names {
		for _, v := range in.Query[k] {
			pairs = append(pairs, qsPair{k, v})
		}
	}
	return parseQueryPairs(pairs)
}

// ParseQuery parses a raw query string with the reference's rules and
// returns the top-level keys (in the reference's order) and the values
// (string, []any, map[string]any or, for qs's "a=x&a[b]=y" quirks, true).
// It is ParseQueryString's content.
func ParseQuery(raw string) (keys []string, values map[string]any) {
	q := parseQueryString(raw)
	return q.keys, q.vals
}

type qsPair struct{ key, val string }

func parseQueryString(raw string) ParsedQuery {
	parts := strings.Split(raw, "&")
	if len(parts) > qsParameterLimit {
		parts = parts[:qsParameterLimit]
	}
	pairs := make([]qsPair, 0, len(parts))
	for _, part := range parts {
		pos := strings.Index(part, "]=")
		if pos >= 0 {
			pos++
		} else {
			pos = strings.IndexByte(part, '=')
		}
		if pos < 0 {
			pairs = append(pairs, qsPair{qsDecode(part), ""})
		} else {
			pairs = append(pairs, qsPair{qsDecode(part[:pos]), qsDecode(part[pos+1:])})
		}
	}
	return parseQueryPairs(pairs)
}

// qsDecode is qs's decoder: '+' is a space, then decodeURIComponent, and the
// undecoded text when that fails.
func qsDecode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	d, err := url.PathUnescape(s)
	if err != nil || !utf8.ValidString(d) {
		return s
	}
	return d
}

func parseQueryPairs(pairs []qsPair) ParsedQuery {
	if len(pairs) == 0 {
		return ParsedQuery{}
	}
	if q, ok := parseFlatPairs(pairs); ok {
		return q
	}
	// Values of identical keys are combined into arrays first.
	temp := newQSObject()
	for _, p := range pairs {
		if old, ok := temp.m[p.key]; ok {
			temp.set(p.key, qsCombine(old, p.val))
		} else {
			temp.set(p.key, p.val)
		}
	}
	var obj any = newQSObject()
	for _, k := range jsKeyOrder(temp.keys) {
		if k == "" {
			continue
		}
		if leaf := qsParseKeys(k, temp.m[k]); leaf != nil {
			obj = qsMerge(obj, leaf)
		}
	}
	root, _ := obj.(*qsObject)
	if root == nil {
		return ParsedQuery{}
	}
	out := ParsedQuery{keys: jsKeyOrder(root.keys), vals: make(map[string]any, len(root.keys))}
	for _, k := range root.keys {
		out.vals[k] = qsExport(root.m[k])
	}
	return out
}

// parseFlatPairs is the common case without brackets in any key: the
// result is the combined values themselves (what the general algorithm
// produces for such keys, without its intermediate objects).
func parseFlatPairs(pairs []qsPair) (ParsedQuery, bool) {
	for _, p := range pairs {
		if strings.ContainsAny(p.key, "[]") {
			return ParsedQuery{}, false
		}
	}
	q := ParsedQuery{vals: make(map[string]any, len(pairs))}
	for _, p := range pairs {
		if p.key == "" || p.key == "__proto__" {
			continue
		}
		switch old := q.vals[p.key].(type) {
		case nil:
			q.keys = append(q.keys, p.key)
			q.vals[p.key] = p.val
		case string:
			q.vals[p.key] = []any{old, p.val}
		case []any:
			q.vals[p.key] = append(old, p.val)
		}
	}
	q.keys = jsKeyOrder(q.keys)
	return q, true
}

// qsObject is a JavaScript object: keys in insertion order.
type qsObject struct {
	keys []string
	m    map[string]any
}

func newQSObject() *qsObject { return &qsObject{m: map[string]any{}} }

func (o *qsObject) set(k string, v any) {
	if _, ok := o.m[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.m[k] = v
}

// qsArray is a JavaScript array; holes are qsHole.
type qsArray struct{ items []any }

type qsHole struct{}

func (a *qsArray) has(i int) bool {
	return i < len(a.items) && a.items[i] != (qsHole{})
}

func (a *qsArray) setAt(i int, v any) {
	for len(a.items) <= i {
		a.items = append(a.items, qsHole{})
	}
	a.items[i] = v
}

// qsCombine is [].concat(a, b).
func qsCombine(a any, b string) any {
	if arr, ok := a.(*qsArray); ok {
		arr.items = append(arr.items, b)
		return arr
	}
	return &qsArray{items: []any{a, b}}
}

// qsParseKeys splits "a[b][c]" into its segments (parent "a", then at most
// qsDepth bracket groups, the rest as one literal segment) and builds the
// nested value for leaf.
func qsParseKeys(key string, leaf any) any {
	var chain []string
	parent := key
	if seg := bracketGroup(key, 0); seg >= 0 {
		parent = key[:seg]
	}
	if parent != "" {
		chain = append(chain, parent)
	}
	next, pos := -1, 0
	for depth := 0; ; depth++ {
		next = bracketGroup(key, pos)
		if next < 0 || depth >= qsDepth {
			break
		}
		end := next + strings.IndexByte(key[next:], ']') + 1
		chain = append(chain, key[next:end])
		pos = end
	}
	if next >= 0 {
		chain = append(chain, "["+key[next:]+"]")
	}
	if len(chain) == 0 {
		return nil
	}
	return qsParseObject(chain, leaf)
}

// bracketGroup returns the index of the next "[...]" group (no '[' or ']'
// inside) at or after from, or -1.
func bracketGroup(key string, from int) int {
	for i := from; i < len(key); i++ {
		if key[i] != '[' {
			continue
		}
		for j := i + 1; j < len(key); j++ {
			if key[j] == '[' {
				break
			}
			if key[j] == ']' {
				return i
			}
		}
	}
	return -1
}

func qsParseObject(chain []string, leaf any) any {
	for i := len(chain) - 1; i >= 0; i-- {
		root := chain[i]
		if root == "[]" {
			arr := &qsArray{}
			if a, ok := leaf.(*qsArray); ok {
				arr.items = append(arr.items, a.items...)
			} else {
				arr.items = append(arr.items, leaf)
			}
			leaf = arr
			continue
		}
		clean := root
		if len(root) >= 2 && root[0] == '[' && root[len(root)-1] == ']' {
			clean = root[1 : len(root)-1]
		}
		if idx, ok := canonicalIndex(clean); ok && root != clean && idx <= qsArrayLimit {
			arr := &qsArray{}
			arr.setAt(idx, leaf)
			leaf = arr
			continue
		}
		obj := newQSObject()
		if clean != "__proto__" {
			obj.set(clean, leaf)
		}
		leaf = obj
	}
	return leaf
}

// canonicalIndex parses s as a non-negative integer written canonically
// (String(parseInt(s)) === s).
func canonicalIndex(s string) (int, bool) {
	if !isDigits(s) || len(s) > 9 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// qsMerge is qs's utils.merge.
func qsMerge(target, source any) any {
	if source == nil || source == "" {
		return target
	}
	if s, ok := source.(string); ok {
		switch t := target.(type) {
		case *qsArray:
			t.items = append(t.items, s)
			return t
		case *qsObject:
			t.set(s, true)
			return t
		}
		return &qsArray{items: []any{target, s}}
	}
	switch target.(type) {
	case *qsArray, *qsObject:
	default: // [target].concat(source)
		arr := &qsArray{items: []any{target}}
		if sa, ok := source.(*qsArray); ok {
			arr.items = append(arr.items, sa.items...)
		} else {
			arr.items = append(arr.items, source)
		}
		return arr
	}
	ta, targetIsArray := target.(*qsArray)
	sa, sourceIsArray := source.(*qsArray)
	if targetIsArray && sourceIsArray {
		for i, item := range sa.items {
			if item == (qsHole{}) {
				continue
			}
			if ta.has(i) {
				cur := ta.items[i]
				if isQSContainer(cur) && isQSContainer(item) {
					ta.items[i] = qsMerge(cur, item)
				} else {
					ta.items = append(ta.items, item)
				}
			} else {
				ta.setAt(i, item)
			}
		}
		return ta
	}
	var acc *qsObject
	if targetIsArray {
		acc = newQSObject()
		for i, item := range ta.items {
			if item != (qsHole{}) {
				acc.set(strconv.Itoa(i), item)
			}
		}
	} else {
		acc = target.(*qsObject)
	}
	for _, kv := range qsEntries(source) {
		if cur, ok := acc.m[kv.key]; ok {
			acc.set(kv.key, qsMerge(cur, kv.val))
		} else {
			acc.set(kv.key, kv.val)
		}
	}
	return acc
}

type qsEntry struct {
	key string
	val any
}

// qsEntries is Object.keys(source) with the values.
func qsEntries(source any) []qsEntry {
	var out []qsEntry
	switch s := source.(type) {
	case *qsArray:
		for i, item := range s.items {
			if item != (qsHole{}) {
				out = append(out, qsEntry{strconv.Itoa(i), item})
			}
		}
	case *qsObject:
		for _, k := range jsKeyOrder(s.keys) {
			out = append(out, qsEntry{k, s.m[k]})
		}
	}
	return out
}

func isQSContainer(v any) bool {
	switch v.(type) {
	case *qsArray, *qsObject:
		return true
	}
	return false
}

// qsExport converts to the JSON data model, compacting arrays (qs's
// utils.compact removes holes).
func qsExport(v any) any {
	switch v := v.(type) {
	case *qsArray:
		out := make([]any, 0, len(v.items))
		for _, item := range v.items {
			if item != (qsHole{}) {
				out = append(out, qsExport(item))
			}
		}
		return out
	case *qsObject:
		out := make(map[string]any, len(v.keys))
		for _, k := range v.keys {
			out[k] = qsExport(v.m[k])
		}
		return out
	}
	return v
}

// jsKeyOrder orders keys like JavaScript's Object.keys: array indices
// (canonical integers below 2^32-1) ascending, then the other keys in
// insertion order.
func jsKeyOrder(keys []string) []string {
	var idx []string
	for _, k := range keys {
		if isArrayIndex(k) {
			idx = append(idx, k)
		}
	}
	if len(idx) == 0 {
		return keys
	}
	sort.Slice(idx, func(i, j int) bool {
		a, _ := strconv.ParseUint(idx[i], 10, 64)
		b, _ := strconv.ParseUint(idx[j], 10, 64)
		return a < b
	})
	out := append([]string(nil), idx...)
	for _, k := range keys {
		if !isArrayIndex(k) {
			out = append(out, k)
		}
	}
	return out
}

func isArrayIndex(k string) bool {
	if !isDigits(k) || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	n, _ := strconv.ParseUint(k, 10, 64)
	return n < 1<<32-1
}

package schema

import (
	"maps"
	"math"
	"net/url"
	"slices"
	"sort"
)

// PathValuer gives path parameters by name; *http.Request and
// *primitives.Request implement it. An interface rather than a func value
// so that passing one does not allocate.
type PathValuer interface {
	PathValue(name string) string
}

// Input is what one request offers to the validator.
type Input struct {
	// Path gives the path parameters, e.g. an *http.Request; a value of ""
	// means absent. May be nil when the route has no path parameters.
	Path PathValuer
	// RawQuery is the undecoded query string (r.URL.RawQuery). When set it
	// is used instead of Query and keeps the key order of the reference's
	// "query parameter '<k>' is not allowed" messages.
	RawQuery string
	// Query is the decoded query, used when RawQuery is empty. Keys are
	// then reported in sorted order.
	Query url.Values
	// Body is the decoded JSON body: map[string]any, []any, string, bool,
	// nil or a number. Numbers should be float64 (encoding/json's default,
	// matching JavaScript); json.Number and Go integer types are accepted
	// too. Numbers produced by coercion are float64.
	Body any
	// HasBody is true for POST, PUT, PATCH and DELETE. A nil Body is then
	// validated (and returned) as {} like the reference's req.body || {}.
	HasBody bool
}

// Validate checks a request: parameter messages first (unknown query keys,
// then each declared parameter in declaration order: "is required" or its
// schema messages), then body messages. len(messages) == 0 means valid.
//
// It returns the body the handler must see: when HasBody is set and the
// route has a body schema, the body coerced like AJV does it (123 → "123"
// for a string field, null → "" ...) and with defaults inserted. Coercion
// is copy-on-write: in.Body is never modified, and unchanged sub-trees of
// the result are shared with it. Query and path values are checked with
// coercion but are not changed (the handler keeps the original strings).
func (v *Validator) Validate(in Input) (body any, messages []string) {
	var r run
	if len(v.params) > 0 {
		q := parseInputQuery(in)
		for _, k := range q.keys {
			if !v.queryNames[k] {
				messages = append(messages, "query parameter '"+k+"' is not allowed")
			}
		}
		for i := range v.params {
			p := &v.params[i]
			var val any
			present := false
			switch p.in {
			case Path:
				if in.Path != nil {
					if s := in.Path.PathValue(p.name); s != "" {
						if p.anyString {
							continue // present, and any string passes
						}
						val, present = s, true
					}
				}
			case Query:
				val, present = q.vals[p.name]
			}
			if !present {
				if p.required {
					messages = append(messages, p.prefix+"is required")
				}
				continue
			}
			if p.node == nil {
				continue
			}
			r.msgs = r.msgs[:0]
			p.node.walk(&r, val)
			for _, m := range r.msgs {
				messages = append(messages, p.prefix+m)
			}
		}
	}
	body = in.Body
	if in.HasBody {
		if body == nil {
			body = map[string]any{}
		}
		if v.body != nil {
			r.msgs = r.msgs[:0]
			body, _ = v.body.walk(&r, body)
			for _, m := range r.msgs {
				messages = append(messages, "request body "+m)
			}
		}
	}
	return body, messages
}

// run collects the AJV messages of one value, without prefix.
type run struct {
	msgs []string
}

func (r *run) add(msg string) { r.msgs = append(r.msgs, msg) }

// mark and reset implement AJV's error bookkeeping for composites.
func (r *run) mark() int           { return len(r.msgs) }
func (r *run) reset(mark int)      { r.msgs = r.msgs[:mark] }
func (r *run) clean(mark int) bool { return len(r.msgs) == mark }

// walk validates v against n in AJV 8 order (allErrors, coerceTypes,
// useDefaults) and returns the possibly coerced value; changed reports
// whether it differs from v (a copy was made).
//
// Per node: type check and coercion (when AJV does it up front); the
// untyped keywords const, enum, not, anyOf, oneOf, allOf; then the keyword
// group of the value's type — number: maximum … multipleOf, format;
// string: maxLength, minLength, pattern, format; array: maxItems, minItems,
// uniqueItems, items; object: defaults, maxProperties, minProperties,
// required, additionalProperties, properties, patternProperties,
// queryFilter — with a deferred object/array type error reported at its
// group's position; last, for every type, Blockyard's free-form bounds
// maxJSONBytes, maxDepth and deepPropertyNames (freeform.go).
func (n *node) walk(r *run, v any) (out any, changed bool) {
	t := typeOf(v)
	if n.typeEarly && !n.typeSet.matches(v, t) {
		if cv, ok := coerce(v, t, n.coerceTo); ok {
			v, changed = cv, true
		} else {
			r.add(n.typeMsg)
		}
	}

	// Untyped keywords.
	if n.constSch != nil && n.constSch.Validate(v) != nil {
		r.add(msgConst)
	}
	if n.enumSch != nil && n.enumSch.Validate(v) != nil {
		r.add(msgEnum)
	}
	use := func(nv any, ch bool) {
		if ch {
			v, changed = nv, true
		}
	}
	if n.not != nil {
		m := r.mark()
		use(n.not.walk(r, v))
		valid := r.clean(m)
		r.reset(m)
		if valid {
			r.add(msgNot)
		}
	}
	if len(n.anyOf) > 0 {
		m, valid := r.mark(), false
		for _, b := range n.anyOf {
			bm := r.mark()
			use(b.walk(r, v))
			if r.clean(bm) {
				valid = true
				break
			}
		}
		if valid {
			r.reset(m)
		} else {
			r.add(msgAnyOf)
		}
	}
	if len(n.oneOf) > 0 {
		m, passing := r.mark(), 0
		for _, b := range n.oneOf {
			bm := r.mark()
			use(b.walk(r, v))
			if r.clean(bm) {
				passing++
			}
		}
		if passing == 1 {
			r.reset(m)
		} else {
			r.add(msgOneOf)
		}
	}
	for _, b := range n.allOf {
		use(b.walk(r, v))
	}

	// Keyword group of the value's type; a deferred type error is reported
	// with the group of the declared type.
	t = typeOf(v)
	g := groupOfType(t)
	lateErr := !n.typeEarly && len(n.types) > 0 && !n.typeSet.matches(v, t)
	if lateErr && n.lateGroup < g {
		r.add(n.typeMsg)
		lateErr = false
	}
	switch g {
	case groupNumber:
		n.numberKeywords(r, v)
	case groupString:
		if n.postSch != nil {
			r.assert(n, n.postSch, v)
		}
		if n.formatSch != nil && n.formatSch.Validate(v) != nil {
			r.add(`must match format "` + n.format + `"`)
		}
	case groupArray:
		use(n.arrayKeywords(r, v.([]any)))
	case groupObject:
		use(n.objectKeywords(r, v.(map[string]any)))
	}
	if lateErr {
		r.add(n.typeMsg)
	}
	if n.maxJSONBytes > 0 || n.maxDepth > 0 || n.deepKeys != nil {
		n.freeFormKeywords(r, v)
	}
	return v, changed
}

func (n *node) numberKeywords(r *run, v any) {
	if n.postSch != nil {
		if f, _ := toFloat(v); math.IsInf(f, 0) {
			// Only coercion produces ±Infinity ("Infinity", "1e999");
			// jsonschema/v6 cannot compare it, so compare here like JS.
			n.infinityLimits(r, f)
		} else {
			r.assert(n, n.postSch, v)
		}
	}
	if n.formatSch != nil && n.formatSch.Validate(v) != nil {
		r.add(`must match format "` + n.format + `"`)
	}
}

func (n *node) infinityLimits(r *run, f float64) {
	l := n.limits
	if l[limMaximum].set && f > l[limMaximum].v {
		r.add("must be <= " + jsNumberString(l[limMaximum].v))
	}
	if l[limMinimum].set && f < l[limMinimum].v {
		r.add("must be >= " + jsNumberString(l[limMinimum].v))
	}
	if l[limExclusiveMaximum].set && f >= l[limExclusiveMaximum].v {
		r.add("must be < " + jsNumberString(l[limExclusiveMaximum].v))
	}
	if l[limExclusiveMinimum].set && f <= l[limExclusiveMinimum].v {
		r.add("must be > " + jsNumberString(l[limExclusiveMinimum].v))
	}
	if l[limMultipleOf].set {
		r.add("must be multiple of " + jsNumberString(l[limMultipleOf].v))
	}
}

func (n *node) arrayKeywords(r *run, a []any) (any, bool) {
	if n.postSch != nil {
		r.assert(n, n.postSch, a)
	}
	if n.items == nil {
		return a, false
	}
	owned := false
	for i, e := range a {
		if nv, ch := n.items.walk(r, e); ch {
			if !owned {
				a, owned = slices.Clone(a), true
			}
			a[i] = nv
		}
	}
	return a, owned
}

func (n *node) objectKeywords(r *run, m map[string]any) (any, bool) {
	owned := false
	set := func(k string, v any) {
		if !owned {
			m, owned = maps.Clone(m), true
		}
		m[k] = v
	}
	for _, d := range n.defaults {
		if _, ok := m[d.name]; !ok {
			set(d.name, deepCopy(d.def))
		}
	}
	if n.postSch != nil {
		r.assert(n, n.postSch, m)
	}
	if n.addlSch != nil && n.hasUndeclared(m) {
		r.assert(n, n.addlSch, m)
	}
	if n.additional != nil {
		for _, k := range sortedKeys(m) {
			if n.declares(k) {
				continue
			}
			if nv, ch := n.additional.walk(r, m[k]); ch {
				set(k, nv)
			}
		}
	}
	for _, p := range n.props {
		if pv, ok := m[p.name]; ok {
			if nv, ch := p.node.walk(r, pv); ch {
				set(p.name, nv)
			}
		}
	}
	if len(n.patterns) > 0 {
		keys := sortedKeys(m)
		for _, p := range n.patterns {
			for _, k := range keys {
				if p.re.MatchString(k) {
					if nv, ch := p.node.walk(r, m[k]); ch {
						set(k, nv)
					}
				}
			}
		}
	}
	if n.queryFilter && !IsSafeQueryFilter(m) {
		r.add(MsgInvalidQueryFilter)
	}
	return m, owned
}

// declares reports whether key k is covered by properties or
// patternProperties (so additionalProperties does not apply to it).
func (n *node) declares(k string) bool {
	if n.propSet[k] {
		return true
	}
	for _, p := range n.patterns {
		if p.re.MatchString(k) {
			return true
		}
	}
	return false
}

func (n *node) hasUndeclared(m map[string]any) bool {
	for k := range m {
		if !n.declares(k) {
			return true
		}
	}
	return false
}

// sortedKeys gives a deterministic order where JavaScript would use the
// body's key order, which a Go map does not keep.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// deepCopy copies a default value so that bodies never share it.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

package schema

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestQueryParams(t *testing.T) {
	org := pathValues("organizationId", "o1")
	tests := []struct {
		name string
		req  Request
		in   Input
		want []string
	}{
		{"no query", listOrganizations, Input{}, nil},
		{"valid list query", listOrganizations, Input{RawQuery: "name=Org&page=2&limit=50&contact_email=a%40b.co"}, nil},
		{"limit too high", listOrganizations, Input{RawQuery: "limit=51"},
			[]string{"query parameter 'limit' must be <= 50"}},
		{"page too low", listOrganizations, Input{RawQuery: "page=0"},
			[]string{"query parameter 'page' must be >= 1"}},
		{"empty name", listOrganizations, Input{RawQuery: "name="},
			[]string{"query parameter 'name' must NOT have fewer than 1 characters"}},
		{"bad email", listOrganizations, Input{RawQuery: "contact_email=x"},
			[]string{`query parameter 'contact_email' must match format "email"`}},
		{"unknown keys first, in query order", listOrganizations, Input{RawQuery: "zeta=1&limit=abc&alpha=2"},
			[]string{
				"query parameter 'zeta' is not allowed",
				"query parameter 'alpha' is not allowed",
				"query parameter 'limit' must be integer",
			}},
		{"array-index-like keys come first like in JavaScript", listOrganizations, Input{RawQuery: "b=1&10=1&2=1"},
			[]string{
				"query parameter '2' is not allowed",
				"query parameter '10' is not allowed",
				"query parameter 'b' is not allowed",
			}},
		{"url.Values keys are reported sorted", listOrganizations, Input{Query: url.Values{"zeta": {"1"}, "alpha": {"2"}}},
			[]string{"query parameter 'alpha' is not allowed", "query parameter 'zeta' is not allowed"}},
		{"object filter is the key 'name' and not a string", listOrganizations, Input{RawQuery: "name[$regex]=x"},
			[]string{"query parameter 'name' must be string"}},
		{"encoded brackets too", listOrganizations, Input{RawQuery: "name%5B%24ne%5D=x"},
			[]string{"query parameter 'name' must be string"}},
		{"repeated key is an array", listOrganizations, Input{RawQuery: "name=a&name=b"},
			[]string{"query parameter 'name' must be string"}},
		{"url.Values repeated key", listOrganizations, Input{Query: url.Values{"name": {"a", "b"}}},
			[]string{"query parameter 'name' must be string"}},
		{"url.Values nested key", listOrganizations, Input{Query: url.Values{"description[$gt]": {""}}},
			[]string{"query parameter 'description' must be string"}},
		{"route with only a path parameter rejects every query key", getOrganization,
			Input{Path: org, RawQuery: "page=1"}, []string{"query parameter 'page' is not allowed"}},
		{"route without parameters does not check the query", createOrganization,
			Input{RawQuery: "anything=1", HasBody: true, Body: decode(t, `{"organization":{"name":"n","description":"d","contact_email":"a@b.co"},"ownerId":"o"}`)}, nil},
		{"required query parameter", checkExistence, Input{Path: org},
			[]string{"query parameter 'identityId' is required"}},
		{"required query parameter present but empty", checkExistence, Input{Path: org, RawQuery: "identityId="}, nil},
		{"path parameter missing", checkExistence, Input{RawQuery: "identityId=i"},
			[]string{"path parameter 'organizationId' is required"}},
		{"required parameters in declaration order", logoUploadURL, Input{RawQuery: "contentLength=abc"},
			[]string{
				"query parameter 'contentType' is required",
				"query parameter 'contentLength' must be integer",
			}},
		{"enum", logoUploadURL, Input{RawQuery: "contentType=text/html&contentLength=10"},
			[]string{"query parameter 'contentType' must be equal to one of the allowed values"}},
		{"enum with an array: type, then enum", logoUploadURL, Input{RawQuery: "contentType=image/png&contentType=image/gif&contentLength=1"},
			[]string{
				"query parameter 'contentType' must be string",
				"query parameter 'contentType' must be equal to one of the allowed values",
			}},
		{"no minimum on contentLength", logoUploadURL, Input{RawQuery: "contentType=image/png&contentLength=-5"}, nil},
		{"maximum on contentLength", logoUploadURL, Input{RawQuery: "contentType=image%2Fpng&contentLength=10000001"},
			[]string{"query parameter 'contentLength' must be <= 10000000"}},
		{"page/limit rejected where not declared", descendants, Input{Path: org, RawQuery: "page=2&depth=1"},
			[]string{"query parameter 'page' is not allowed"}},
		{"depth accepts fractions", descendants, Input{Path: org, RawQuery: "depth=1.5"}, nil},
		{"depth minimum", descendants, Input{Path: org, RawQuery: "depth=0.5"},
			[]string{"query parameter 'depth' must be >= 1"}},
		{"page and limit together", listChangeRequests, Input{Path: org, RawQuery: "page=1001&limit=0"},
			[]string{"query parameter 'page' must be <= 1000", "query parameter 'limit' must be >= 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, tt.req, tt.in, tt.want)
		})
	}
}

// TestQueryCoercion is the table of framework.md §4.4.
func TestQueryCoercion(t *testing.T) {
	tests := []struct {
		typ   *Schema
		value string
		ok    bool
	}{
		{Integer(), "2", true},
		{Integer(), "2.0", true},
		{Integer(), "-3", true},
		{Integer(), "1e3", true},
		{Integer(), "1.5", false},
		{Integer(), "abc", false},
		{Integer(), "", false},
		{Number(), "1.5", true},
		{Number(), "1e3", true},
		{Number(), ".5", true},
		{Number(), "0x10", true},
		{Number(), " 7 ", true},
		{Number(), "abc", false},
		{Number(), "", false},
		{Number(), "1,5", false},
		{Number(), "NaN", false},
		{Boolean(), "true", true},
		{Boolean(), "false", true},
		{Boolean(), "yes", false},
		{Boolean(), "1", false},
		{Boolean(), "TRUE", false},
		{String(), "anything", true},
		{String(), "", true},
	}
	for _, tt := range tests {
		typ := tt.typ.typeNames()[0]
		var want []string
		if !tt.ok {
			want = []string{"query parameter 'q' must be " + typ}
		}
		req := Request{Params: []Param{{Name: "q", In: Query, Schema: tt.typ}}}
		t.Run(typ+"/"+tt.value, func(t *testing.T) {
			check(t, req, Input{RawQuery: "q=" + url.QueryEscape(tt.value)}, want)
		})
	}
	// includeInherited=1 is rejected, as in the reference.
	check(t, organizationsOfMember, Input{Path: pathValues("identityId", "i"), RawQuery: "includeInherited=1&roles=owner,admin"},
		[]string{"query parameter 'includeInherited' must be boolean"})
	// Arrays and objects are never coerced to scalars.
	check(t, Request{Params: []Param{{Name: "q", In: Query, Schema: Integer()}}}, Input{RawQuery: "q[]=1"},
		[]string{"query parameter 'q' must be integer"})
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		raw  string
		keys []string
		vals map[string]any
	}{
		{"", nil, nil},
		{"a=1&b=2", []string{"a", "b"}, map[string]any{"a": "1", "b": "2"}},
		{"a=1&a=2&a=3", []string{"a"}, map[string]any{"a": []any{"1", "2", "3"}}},
		{"a", []string{"a"}, map[string]any{"a": ""}},
		{"a+b=c+d&e=%20%2B", []string{"a b", "e"}, map[string]any{"a b": "c d", "e": " +"}},
		{"bad=%zz&u=%E3%81%82", []string{"bad", "u"}, map[string]any{"bad": "%zz", "u": "あ"}},
		{"name[$regex]=x&name[$options]=i", []string{"name"}, map[string]any{"name": map[string]any{"$regex": "x", "$options": "i"}}},
		{"a[]=1&a[]=2", []string{"a"}, map[string]any{"a": []any{"1", "2"}}},
		{"a[1]=x&a[0]=y", []string{"a"}, map[string]any{"a": []any{"y", "x"}}},
		{"a[5]=x", []string{"a"}, map[string]any{"a": []any{"x"}}},
		{"a[21]=x", []string{"a"}, map[string]any{"a": map[string]any{"21": "x"}}},
		{"a[b][c]=1", []string{"a"}, map[string]any{"a": map[string]any{"b": map[string]any{"c": "1"}}}},
		{"a=x&a[b]=y", []string{"a"}, map[string]any{"a": []any{"x", map[string]any{"b": "y"}}}},
		{"a[b]=y&a=x", []string{"a"}, map[string]any{"a": map[string]any{"b": "y", "x": true}}},
		{"a[b][c][d][e][f][g][h]=1", []string{"a"}, map[string]any{"a": map[string]any{"b": map[string]any{"c": map[string]any{
			"d": map[string]any{"e": map[string]any{"f": map[string]any{"[g][h]": "1"}}}}}}}},
		{"__proto__=1&x=2", []string{"x"}, map[string]any{"x": "2"}},
		{"&&=1&b=", []string{"b"}, map[string]any{"b": ""}},
		{"[a]=1", []string{"a"}, map[string]any{"a": "1"}},
		{"a[]=1&a[b]=2", []string{"a"}, map[string]any{"a": map[string]any{"0": "1", "b": "2"}}},
		{"a[0][b]=1&a[0][c]=2", []string{"a"}, map[string]any{"a": []any{map[string]any{"b": "1", "c": "2"}}}},
		{"a[0]=1&a[0]=2", []string{"a"}, map[string]any{"a": []any{[]any{"1", "2"}}}},
		{"a[0]=1&a[1]=2&a=3", []string{"a"}, map[string]any{"a": []any{"1", "2", "3"}}},
		{"a[0]=1&a[0]=2&a[]=3", []string{"a"}, map[string]any{"a": []any{[]any{"1", "2"}, "3"}}},
		{"a[b]=1&a[b][c]=2", []string{"a"}, map[string]any{"a": map[string]any{"b": []any{"1", map[string]any{"c": "2"}}}}},
		{"a[]=&b[x]=", []string{"a", "b"}, map[string]any{"a": []any{""}, "b": map[string]any{"x": ""}}},
	}
	for _, tt := range tests {
		keys, vals := ParseQuery(tt.raw)
		if !reflect.DeepEqual(keys, tt.keys) || (len(vals) > 0 || len(tt.vals) > 0) && !reflect.DeepEqual(vals, tt.vals) {
			t.Errorf("ParseQuery(%q) = %q %#v, want %q %#v", tt.raw, keys, vals, tt.keys, tt.vals)
		}
	}
}

// TestQueryNotChanged: coercion is for the check only.
func TestQueryNotChanged(t *testing.T) {
	q := url.Values{"page": {"2.0"}, "limit": {"5"}}
	body, msgs := MustCompile(listChangeRequests).Validate(Input{Path: pathValues("organizationId", "o"), Query: q})
	if len(msgs) != 0 || body != nil {
		t.Fatalf("unexpected %v %q", body, msgs)
	}
	if !reflect.DeepEqual(q, url.Values{"page": {"2.0"}, "limit": {"5"}}) {
		t.Errorf("query changed: %v", q)
	}
}

func TestParsedQueryReadsTheFirst1000Parts(t *testing.T) {
	pad := strings.Repeat("&", 1000)
	q := ParseQueryString("limit=5" + pad + "page=2") // "page=2" is part 1001
	if !reflect.DeepEqual(q.Keys(), []string{"limit"}) {
		t.Errorf("keys %q", q.Keys())
	}
	q = ParseQueryString("limit=5" + pad[1:] + "page=2") // part 1000
	if !reflect.DeepEqual(q.Keys(), []string{"limit", "page"}) {
		t.Errorf("keys %q", q.Keys())
	}
}

func TestParsedQueryAccessors(t *testing.T) {
	q := ParseQueryString("a=1&a=2&b=x&c[d]=y&e[]=z&f[0][g]=h&bad=%zz")
	if v, ok := q.Lookup("c"); !ok || !reflect.DeepEqual(v, map[string]any{"d": "y"}) {
		t.Errorf("Lookup(c) = %v, %v", v, ok)
	}
	if _, ok := q.Lookup("zz"); ok {
		t.Error("Lookup(zz) found")
	}
	for name, want := range map[string][]string{"a": {"1", "2"}, "b": {"x"}, "c": nil, "e": {"z"}, "f": nil, "bad": {"%zz"}, "zz": nil} {
		if got := q.Strings(name); !reflect.DeepEqual(got, want) {
			t.Errorf("Strings(%s) = %q, want %q", name, got, want)
		}
	}
	want := url.Values{"a": {"1", "2"}, "b": {"x"}, "e": {"z"}, "bad": {"%zz"}}
	if got := q.Values(); !reflect.DeepEqual(got, want) {
		t.Errorf("Values() = %v, want %v", got, want)
	}
	var none *ParsedQuery
	if none.Keys() != nil || none.Strings("a") != nil || len(none.Values()) != 0 || len(ParseQueryString("").Values()) != 0 {
		t.Error("an empty query has values")
	}
}

// parsedSource is a QuerySource holding a query other than Input.RawQuery.
type parsedSource struct{ q *ParsedQuery }

func (s parsedSource) PathValue(string) string   { return "" }
func (s parsedSource) ParsedQuery() *ParsedQuery { return s.q }

// Validate checks the QuerySource's parse, not a parse of its own.
func TestValidateChecksTheSourcesParsedQuery(t *testing.T) {
	v := MustCompile(Request{Params: []Param{{Name: "limit", In: Query, Schema: Integer().Maximum(50)}}})
	in := Input{Path: parsedSource{ParseQueryString("limit=5")}, RawQuery: "limit=100000"}
	if _, msgs := v.Validate(in); len(msgs) != 0 {
		t.Errorf("messages %q, want none", msgs)
	}
	in = Input{Path: parsedSource{ParseQueryString("limit=100000")}}
	if _, msgs := v.Validate(in); !reflect.DeepEqual(msgs, []string{"query parameter 'limit' must be <= 50"}) {
		t.Errorf("messages %q", msgs)
	}
	in = Input{Path: parsedSource{nil}, RawQuery: "limit=100000"} // nil: the Input's own query
	if _, msgs := v.Validate(in); len(msgs) != 1 {
		t.Errorf("messages %q, want one", msgs)
	}
}

package schema

import (
	"strings"
	"testing"
)

func TestIsSafeRegex(t *testing.T) {
	tests := []struct {
		re   string
		safe bool
	}{
		// safe-regex's own examples
		{`(x+x+)+y`, false},
		{`(beep|boop)*`, true},
		{`(a+){10}`, false},
		{`\blocation\s*:[^:\n]+\b(Oakland|San Francisco)\b`, true},
		{`^a`, true},
		{`a*`, true},
		{`a+?`, true},
		{`a{3,5}`, true},
		{`(ab)\1`, true},
		{`(a+)|(b+)`, true},
		{`^foo/bar`, true},
		{`(a+)+`, false},
		{`(a*)*`, false},
		{`((a)+)?`, false},
		{`(?:a?){2}`, false},
		{`(?=a+)+`, false},
		{`[a-z]+@[a-z]+\.com`, true},
		{`(?<word>\w+) \k<word>`, true},
		// too many repetitions (limit 25)
		{strings.Repeat("a?", 25), true},
		{strings.Repeat("a?", 26), false},
		// invalid JavaScript regular expressions are unsafe
		{`(`, false},
		{`)`, false},
		{`[a`, false},
		{`*a`, false},
		{`a**`, false},
		{`a{2}{3}`, false},
		{`{2}`, false},
		{`a{3,1}`, false},
		{`[z-a]`, false},
		{`a\`, false},
		{`(?<n>a)(?<n>b)`, false},
		{`(?x)`, false},
		{`^*`, false},
		{`(?<=a)+`, false},
		// Annex B literals
		{`a{`, true},
		{`a{,5}`, true},
		{`]`, true},
		{`}`, true},
		{`[\d-z]`, true},
		{`\k`, true},
		// escapes in and out of classes
		{`[\x41-\x5a]+`, true},
		{`[\u0041-\u005A]+`, true},
		{`[\101-\132]`, true},
		{`[\cA-\cZ]`, true},
		{`[\t-\r\b\n\v\f]`, true},
		{`[\x5a-\x41]`, false},
		{`\x4g\u00e9+\cM\ca`, true},
		{`[é-a]`, false},
	}
	for _, tt := range tests {
		if got := IsSafeRegex(tt.re); got != tt.safe {
			t.Errorf("IsSafeRegex(%q) = %v, want %v", tt.re, got, tt.safe)
		}
	}
}

func TestIsSafeQueryFilter(t *testing.T) {
	tests := []struct {
		json string
		safe bool
	}{
		{`{}`, true},
		{`"$where"`, true},
		{`{"name":"x","n":1,"a":[1,{"b":null}]}`, true},
		{`{"name":{"$regex":"^ab","$options":"i"}}`, true},
		{`{"$or":[{"a":{"$in":[1,2]}},{"b":{"$gte":1,"$lt":5,"$ne":3,"$nin":[],"$eq":1,"$gt":0,"$lte":9}}],"$and":[]}`, true},
		{`{"$where":"1"}`, false},
		{`{"a":{"b":[{"$expr":{}}]}}`, false},
		{`[{"$where":1}]`, false},
		{`{"__proto__":{}}`, false},
		{`{"a":{"constructor":1}}`, false},
		{`{"prototype":1}`, false},
		{`{"name":{"$regex":1}}`, false},
		{`{"name":{"$regex":"(a+)+"}}`, false},
		{`{"name":{"$regex":"` + strings.Repeat("a", 100) + `"}}`, true},
		{`{"name":{"$regex":"` + strings.Repeat("a", 101) + `"}}`, false},
		{`{"name":{"$regex":"` + strings.Repeat("é", 100) + `"}}`, true},
	}
	for _, tt := range tests {
		if got := IsSafeQueryFilter(decode(t, tt.json)); got != tt.safe {
			t.Errorf("IsSafeQueryFilter(%s) = %v, want %v", tt.json, got, tt.safe)
		}
	}
}

func TestQueryFilterKeyword(t *testing.T) {
	// {"name":{"$where":"1"}} on a body whose name is a string.
	check(t, Request{Body: Object(Prop("name", String()))}, bodyInput(t, `{"name":{"$where":"1"}}`), []string{
		"request body must be string",
		"request body Invalid query filter format",
	})
	// A free-form object at the top: one message.
	check(t, Request{Body: Type("object").AdditionalProperties(true)}, bodyInput(t, `{"name":{"$where":"1"}}`),
		[]string{"request body Invalid query filter format"})
	// $regex with a catastrophic pattern.
	check(t, Request{Body: Type("object").AdditionalProperties(true)}, bodyInput(t, `{"name":{"$regex":"(a+)+$"}}`),
		[]string{"request body Invalid query filter format"})
	// Arrays of objects: every object level counts.
	check(t, upsertMembers, bodyInput(t, `[{"identityId":"a","role":"r","$where":1}]`), []string{
		"request body must NOT have additional properties",
		"request body Invalid query filter format",
	})
	// An explicit queryFilter:false is kept by Harden.
	check(t, Request{Body: MustParse(`{"type":"object","additionalProperties":true,"queryFilter":false}`)},
		bodyInput(t, `{"$where":1}`), nil)
}

// The queryFilter vocabulary makes jsonschema/v6 itself understand the
// keyword in hardened schemas.
func TestQueryFilterVocabulary(t *testing.T) {
	c, err := newCompiler()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := toDoc(Harden(Object(Prop("a", Type("object").AdditionalProperties(true)))))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.js.AddResource("mem:///vocab.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.js.Compile("mem:///vocab.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(decode(t, `{"a":{"b":1}}`)); err != nil {
		t.Errorf("valid value rejected: %v", err)
	}
	err = sch.Validate(decode(t, `{"a":{"$where":1}}`))
	if err == nil || !strings.Contains(err.Error(), MsgInvalidQueryFilter) {
		t.Errorf("got %v, want %q", err, MsgInvalidQueryFilter)
	}
	// queryFilter must be a boolean.
	if _, err := Compile(Request{Body: MustParse(`{"type":"object","queryFilter":"yes"}`)}); err == nil {
		t.Error("queryFilter:\"yes\" compiled")
	}
}

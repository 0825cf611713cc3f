package schema

import "testing"

// BenchmarkValidate validates a typical valid create-organization request
// (nested objects, a oneOf, an array of objects, formats).
func BenchmarkValidate(b *testing.B) {
	v := MustCompile(createOrganization)
	in := bodyInput(b, `{"organization":{"name":"Org","description":"d","contact_email":"c@x.com",
		"contact_phone":"123","branchName":"b","typeId":"t","address":{"city":"Tokyo"},
		"logo":{"objectId":"3b241101-e2bb-4255-8caf-4136c566a962","type":"image/png"},
		"certifiedQualifications":[{"name":"a","status":"s","value":"v"}]},"ownerId":"o","parentId":"p"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, msgs := v.Validate(in); len(msgs) > 0 {
			b.Fatal(msgs)
		}
	}
}

// BenchmarkValidateCoerce is the same request with values to coerce
// (copy-on-write copies) and one error.
func BenchmarkValidateCoerce(b *testing.B) {
	v := MustCompile(createOrganization)
	in := bodyInput(b, `{"organization":{"name":"","description":null,"contact_email":"c@x.com",
		"contact_phone":123,"logo":"","certifiedQualifications":[{"name":"a","status":"s","value":3}]},"ownerId":"o"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, msgs := v.Validate(in); len(msgs) != 1 {
			b.Fatal(msgs)
		}
	}
}

// BenchmarkValidateQuery validates a list route's query string.
func BenchmarkValidateQuery(b *testing.B) {
	v := MustCompile(listOrganizations)
	in := Input{RawQuery: "name=Org&page=2&limit=20"}
	b.ReportAllocs()
	for b.Loop() {
		if _, msgs := v.Validate(in); len(msgs) > 0 {
			b.Fatal(msgs)
		}
	}
}

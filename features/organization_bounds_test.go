package features_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// Wire text of the bounds of stored values (docs/compatibility.md,
// "Bounded values").
const (
	// msgBadKey is the pattern message of a free-form key MongoDB would not
	// store; msgKeyInvalid follows it, as AJV reports propertyNames.
	msgBadKey     = `request body must match pattern "^(?!\$)[^.\u0000]*$"`
	msgKeyInvalid = "request body property name must be valid"
	msgIDControl  = `request body must match pattern "^[^\u0000-\u001F\u007F-\u009F]*$"`
)

// expectMessages checks a 400 Validation Error with exactly these
// messages.
func expectMessages(t *testing.T, res *blockyardtest.Response, want ...string) {
	t.Helper()
	res.ExpectError(t, http.StatusBadRequest, "Validation Error")
	var env struct {
		Error struct{ Data []string }
	}
	res.JSON(t, &env)
	if !reflect.DeepEqual(env.Error.Data, want) {
		t.Errorf("%s: messages\n got %q\nwant %q", res, env.Error.Data, want)
	}
}

// nested returns n levels of {"a": …} around leaf, as JSON text.
func nested(n int, leaf string) string {
	return strings.Repeat(`{"a":`, n) + leaf + strings.Repeat("}", n)
}

// storedRaw returns the stored organization as extended JSON, to compare
// whole documents before and after a refused write.
func (f *orgFixture) storedRaw(t *testing.T, id string) string {
	t.Helper()
	raw, err := f.Orgs.FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Raw()
	if err != nil {
		t.Fatal(err)
	}
	return raw.String()
}

// TestOrganizationAddressKeysAndBounds: an address holding a key MongoDB
// does not store ("$…", ".", NUL), nested too deep or too long is a 400
// with AJV-style messages on create and on the admin update, and nothing
// is written (it used to be a 500 from the database).
func TestOrganizationAddressKeysAndBounds(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	before := f.storedRaw(t, id)
	count := f.count(t)
	badName := []string{msgBadKey, msgKeyInvalid}
	for _, tt := range []struct {
		name, address string
		want          []string
	}{
		{"operator key", `{"$eq":1}`, badName},
		{"dotted key", `{"city.name":"Tokyo"}`, badName},
		{"NUL in a key", `{"a\u0000b":1}`, badName},
		{"nested operator", `{"geo":{"$in":[1,2]}}`, badName},
		{"operator inside an array", `{"lines":[{"$eq":"x"}]}`, badName},
		{"400 levels", nested(400, `"x"`), []string{"request body must NOT be nested deeper than 16 levels"}},
		{"17 levels", nested(17, `1`), []string{"request body must NOT be nested deeper than 16 levels"}},
		{"20 kB", `{"line":"` + strings.Repeat("x", 20000) + `"}`, []string{"request body must NOT be longer than 16384 bytes as JSON"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			create := `{"organization":{"name":"A","description":"d","contact_email":"c@example.com","address":` + tt.address + `},"ownerId":"` + f.OwnerID + `"}`
			expectMessages(t, f.Admin.Post("/organizations", create), tt.want...)
			expectMessages(t, f.Admin.Patch("/admin/organizations/"+id, `{"address":`+tt.address+`}`), tt.want...)
		})
	}
	if n := f.count(t); n != count {
		t.Errorf("organizations: %d before, %d after refused creates", count, n)
	}
	if after := f.storedRaw(t, id); after != before {
		t.Errorf("refused updates changed the organization:\n%s\n%s", before, after)
	}

	// Within the bounds: 16 levels, an empty key, "$" and "." not leading
	// or absent, and an address of exactly 16384 bytes.
	for _, address := range []string{
		nested(13, `{"":"x","a$":"$.","b":[1,{"c":null}]}`),
		`{"line":"` + strings.Repeat("x", 16384-len(`{"line":""}`)) + `"}`,
	} {
		body := f.Admin.Patch("/admin/organizations/"+id, `{"address":`+address+`}`).ExpectStatus(t, http.StatusOK).Body
		if !strings.Contains(string(body), `"address":`+address+`,`) {
			t.Errorf("answer %.200s…, want the address back", body)
		}
		var stored struct{ Address bson.Raw }
		if err := f.Orgs.FindOne(t.Context(), bson.D{{Key: "id", Value: id}}).Decode(&stored); err != nil {
			t.Fatal(err)
		}
		ext, _ := bson.MarshalExtJSON(stored.Address, false, true)
		var got, want any
		if json.Unmarshal(ext, &got) != nil || json.Unmarshal([]byte(address), &want) != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("stored address %.200s…, want %.200s…", ext, address)
		}
	}
}

// TestOrganizationOwnerAndMemberIDBounds: an owner id of null (which the
// reference coerced to "" and stored), an identity id of 45 kB or with
// control characters is a 400 and nothing is written.
func TestOrganizationOwnerAndMemberIDBounds(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	before := f.storedRaw(t, id)
	count := f.count(t)
	tooLong := "request body must NOT have more than 128 characters"
	empty := "request body must NOT have fewer than 1 characters"
	for _, tt := range []struct {
		id   string // JSON value
		want string
	}{
		{`null`, empty},
		{`""`, empty},
		{`"` + strings.Repeat("x", 45000) + `"`, tooLong},
		{`"` + strings.Repeat("x", 129) + `"`, tooLong},
		{`"a\u0000b"`, msgIDControl},
		{`"a\nb"`, msgIDControl},
		{`"a\u0085b"`, msgIDControl},
	} {
		expectMessages(t, f.Admin.Post("/organizations", `{"organization":{"name":"A","description":"d","contact_email":"c@example.com"},"ownerId":`+tt.id+`}`), tt.want)
		upsert := `[{"identityId":` + tt.id + `,"role":"member"}]`
		switch tt.id {
		case `null`, `""`:
			// The members validators, which run before the schema, refuse
			// some of these first with "Missing or invalid members", as in
			// the reference; either way a 400 that writes nothing.
			f.Admin.Patch("/organizations/"+id+"/members", upsert).ExpectStatus(t, http.StatusBadRequest)
			f.Owner.Patch("/organizations/"+id+"/members", upsert).ExpectStatus(t, http.StatusBadRequest)
		default:
			expectMessages(t, f.Admin.Patch("/organizations/"+id+"/members", upsert), tt.want)
			expectMessages(t, f.Owner.Patch("/organizations/"+id+"/members", upsert), tt.want)
		}
	}
	if n := f.count(t); n != count {
		t.Errorf("organizations: %d before, %d after refused creates", count, n)
	}
	if after := f.storedRaw(t, id); after != before {
		t.Errorf("refused upserts changed the organization:\n%s\n%s", before, after)
	}

	// 128 characters of any script, and ids that are not UUIDs, are fine.
	long := strings.Repeat("é", 128)
	f.Admin.Patch("/organizations/"+id+"/members", []map[string]any{
		{"identityId": long, "role": "member"}, {"identityId": "auth0|5f7c8ec7c33c6c004bbafe82", "role": "member"},
	}).ExpectStatus(t, http.StatusNoContent)
	if got := f.storedMembers(t, id); len(got) != 5 || got[0] != long+":member" {
		t.Errorf("members %q", got)
	}
}

// TestOrganizationMembersCap: an upsert that would take an organization
// above blocks.MaxOrganizationMembers is a 409 and writes nothing;
// re-roling members of a full organization still works. Every request
// reads the whole document, which FerretDB takes about 0.5 s to decode at
// 10,000 members (6 s under the race detector), so the test makes as few
// requests as it can and does not run with -race.
func TestOrganizationMembersCap(t *testing.T) {
	if raceEnabled {
		t.Skip("about 2 minutes under the race detector: FerretDB decodes a 10,000-member document in 6 s; run without -race")
	}
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "") // owner, org admin, member
	filler := make([]blocks.Member, 0, blocks.MaxOrganizationMembers)
	filler = append(filler, f.stored(t, id).Members...)
	for len(filler) < blocks.MaxOrganizationMembers-1 {
		filler = append(filler, blocks.Member{IdentityID: uuid.NewString(), Role: "member"})
	}
	if _, err := f.Orgs.UpdateOne(t.Context(), bson.D{{Key: "id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "members", Value: filler}}}}); err != nil {
		t.Fatal(err)
	}
	full := fmt.Sprintf("An organization cannot have more than %d members", blocks.MaxOrganizationMembers)
	a, b := uuid.NewString(), uuid.NewString()

	// Two more would make 10,001: refused, nothing written (else the next
	// upsert of one would be refused too).
	f.OrgAdmin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": a, "role": "member"}, {"identityId": b, "role": "member"}}).
		ExpectError(t, http.StatusConflict, full)
	f.Owner.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": a, "role": "member"}}).ExpectStatus(t, http.StatusNoContent)
	f.Admin.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": b, "role": "member"}}).ExpectError(t, http.StatusConflict, full)
	// Full: changing the role of a member already there is still allowed.
	f.Owner.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": f.MemberID, "role": "admin"}}).ExpectStatus(t, http.StatusNoContent)

	start := time.Now()
	var got orgJSON
	f.Member.Get("/organizations/"+id).ExpectStatus(t, http.StatusOK).JSON(t, &got)
	t.Logf("GET of an organization with %d members: %v", len(got.Members), time.Since(start))
	if len(got.Members) != blocks.MaxOrganizationMembers || got.Members[0].IdentityID != f.MemberID || got.Members[0].Role != "admin" ||
		got.Members[1].IdentityID != a || slicesContainsMember(got.Members, b) {
		t.Errorf("%d members, first %+v", len(got.Members), got.Members[:2])
	}
}

func slicesContainsMember(members []struct {
	IdentityID string `json:"identityId"`
	Role       string `json:"role"`
}, id string) bool {
	for _, m := range members {
		if m.IdentityID == id {
			return true
		}
	}
	return false
}

// TestOrganizationTextBounds: the strings of an organization have generous
// maximum lengths and its qualifications a maximum count, so a document
// stays bounded; longer values are a 400 and nothing is written.
func TestOrganizationTextBounds(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	before := f.storedRaw(t, id)
	count := f.count(t)
	long := func(n int) string { return strings.Repeat("x", n) }
	short := "request body must NOT have more than 1000 characters"
	quals := make([]map[string]any, 101)
	for i := range quals {
		quals[i] = map[string]any{"name": "n", "status": "s", "value": "v"}
	}
	for field, tt := range map[string]struct {
		value any
		want  string
	}{
		"name":                    {long(1001), short},
		"description":             {long(10001), "request body must NOT have more than 10000 characters"},
		"branchName":              {long(1001), short},
		"contact_phone":           {long(1001), short},
		"typeId":                  {long(1001), short},
		"certifiedQualifications": {quals, "request body must NOT have more than 100 items"},
		"certificateImage":        {map[string]any{"objectId": uuid.NewString(), "type": long(256)}, "request body must NOT have more than 255 characters"},
		"logo":                    {map[string]any{"objectId": uuid.NewString(), "type": long(256)}, "request body must NOT have more than 255 characters"},
	} {
		org := map[string]any{"name": "A", "description": "d", "contact_email": "c@example.com", field: tt.value}
		res := f.Admin.Post("/organizations", map[string]any{"organization": org, "ownerId": f.OwnerID})
		if field == "logo" { // oneOf [uploadedFile, null]
			expectMessages(t, res, tt.want, "request body must be null", "request body must match exactly one schema in oneOf")
			expectMessages(t, f.Admin.Patch("/admin/organizations/"+id, map[string]any{field: tt.value}),
				tt.want, "request body must be null", "request body must match exactly one schema in oneOf")
			continue
		}
		expectMessages(t, res, tt.want)
		expectMessages(t, f.Admin.Patch("/admin/organizations/"+id, map[string]any{field: tt.value}), tt.want)
	}
	expectMessages(t, f.Owner.Patch("/organizations/"+id, map[string]any{"description": long(10001)}), "request body must NOT have more than 10000 characters")
	expectMessages(t, f.Owner.Patch("/organizations/"+id, map[string]any{"branchName": long(1001)}), short)
	if n := f.count(t); n != count {
		t.Errorf("organizations: %d before, %d after refused creates", count, n)
	}
	if after := f.storedRaw(t, id); after != before {
		t.Errorf("refused updates changed the organization:\n%s\n%s", before, after)
	}
	// At the bounds.
	f.Owner.Patch("/organizations/"+id, map[string]any{"description": long(10000), "branchName": long(1000)}).ExpectStatus(t, http.StatusOK)
	f.Admin.Patch("/admin/organizations/"+id, map[string]any{"name": long(1000), "certifiedQualifications": quals[:100]}).ExpectStatus(t, http.StatusOK)
}

// TestChangeRequestAndProfileTextBounds: the strings of a change request
// and of a profile have the same generous maximum lengths; longer values
// are a 400 and nothing is stored.
func TestChangeRequestAndProfileTextBounds(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	long := strings.Repeat("x", 1001)
	short := "request body must NOT have more than 1000 characters"
	for _, field := range []string{"addressLine1", "addressLine2", "addressLine3", "branchName", "name", "postalCode", "typeId"} {
		expectMessages(t, f.Owner.Post("/organizations/"+org+"/change-requests", map[string]any{field: long}), short)
	}
	expectMessages(t, f.Owner.Post("/organizations/"+org+"/change-requests", map[string]any{
		"certifiedQualifications": []map[string]any{{"name": long, "status": "s", "value": "v"}},
	}), short)
	if n, err := f.DB.Collection("organizationChangeRequests").CountDocuments(t.Context(), bson.D{}); err != nil || n != 0 {
		t.Errorf("%d change requests stored (%v), want 0", n, err)
	}
	f.Owner.Post("/organizations/"+org+"/change-requests", map[string]any{"addressLine1": long[:1000]}).ExpectStatus(t, http.StatusNoContent)

	expectMessages(t, f.Owner.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": long}), short)
	expectMessages(t, f.Admin.Post("/profiles", map[string]any{"identityId": strings.Repeat("x", 129), "name": "n"}),
		"request body must NOT have more than 128 characters")
	expectMessages(t, f.Admin.Post("/profiles", map[string]any{"identityId": nil, "name": "n"}),
		"request body must NOT have fewer than 1 characters")
	if n, err := f.DB.Collection("profiles").CountDocuments(t.Context(), bson.D{}); err != nil || n != 0 {
		t.Errorf("%d profiles stored (%v), want 0", n, err)
	}
	f.Owner.Post("/profiles", map[string]any{"identityId": f.OwnerID, "name": long[:1000]}).ExpectStatus(t, http.StatusOK)
}

// TestResponsesCarrySecurityHeaders: every answer of the API, errors and
// unknown paths included, tells browsers not to sniff it as another type
// and not to frame it.
func TestResponsesCarrySecurityHeaders(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.newOrg(t, "")
	for _, res := range []*blockyardtest.Response{
		f.Member.Get("/organizations/"+id).ExpectStatus(t, http.StatusOK),
		f.Admin.Post("/organizations", `{}`).ExpectStatus(t, http.StatusBadRequest),
		f.Anonymous.Get("/organizations/"+id).ExpectStatus(t, http.StatusUnauthorized),
		f.Outsider.Get("/organizations/"+id).ExpectStatus(t, http.StatusForbidden),
		f.Admin.Get("/organizations/missing").ExpectStatus(t, http.StatusNotFound),
		f.Admin.Get("/no/such/path").ExpectStatus(t, http.StatusNotFound),
		f.Admin.Post("/organizations", `{"a":`).ExpectStatus(t, http.StatusBadRequest),
		f.Owner.Patch("/organizations/"+id+"/members", []map[string]any{{"identityId": f.OutsiderID, "role": "member"}}).ExpectStatus(t, http.StatusNoContent),
	} {
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s (%d): X-Content-Type-Options %q", res, res.Status, got)
		}
		if got := res.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%s (%d): X-Frame-Options %q", res, res.Status, got)
		}
	}
}

package schema

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// The request schemas of organizations.md §4 and identity-and-auth.md §4,
// written with the builder (organizations) and as JSON text (auth), to show
// both can express them.

var (
	uploadedFile = Object(
		Prop("objectId", String().Format(FormatUUID)),
		Prop("type", String()),
	).Required("objectId", "type")

	qualification = Object(
		Prop("name", String()),
		Prop("status", String()),
		Prop("value", String()),
	).Required("name", "status", "value")

	commonFields = []Property{
		Prop("branchName", String()),
		Prop("contact_email", String().Format(FormatEmail)),
		Prop("contact_phone", String()),
		Prop("description", String()),
	}

	adminFields = []Property{
		Prop("address", Type("object").AdditionalProperties(true)),
		Prop("certificateImage", uploadedFile),
		Prop("certifiedQualifications", Array(qualification)),
		Prop("logo", OneOf(uploadedFile, Null())),
		Prop("name", String().MinLength(1)),
		Prop("typeId", String()),
	}

	// #1 POST /organizations
	createOrganization = Request{Body: Object(
		Prop("organization", Object(slices.Concat(commonFields, adminFields)...).
			Required("name", "description", "contact_email")),
		Prop("ownerId", String()),
		Prop("parentId", String()),
	).Required("organization", "ownerId")}

	organizationID = Param{Name: "organizationId", In: Path, Schema: String()}
	page           = Param{Name: "page", In: Query, Schema: Integer().Minimum(1).Maximum(1000)}
	limitParam     = Param{Name: "limit", In: Query, Schema: Integer().Minimum(1).Maximum(50)}

	// #2 GET /organizations/:organizationId
	getOrganization = Request{Params: []Param{organizationID}}

	// #3 GET /organizations
	listOrganizations = Request{Params: []Param{
		{Name: "contact_email", In: Query, Schema: String().Format(FormatEmail)},
		{Name: "contact_phone", In: Query, Schema: String()},
		{Name: "description", In: Query, Schema: String()},
		{Name: "name", In: Query, Schema: String().MinLength(1)},
		page, limitParam,
	}}

	// #4 PATCH /organizations/:organizationId
	updateOrganization = Request{Params: []Param{organizationID}, Body: Object(commonFields...)}

	// #5 PATCH /admin/organizations/:organizationId/
	adminUpdateOrganization = Request{Params: []Param{organizationID}, Body: Object(
		slices.Concat(commonFields, adminFields, []Property{Prop("auditStatus", String())})...)}

	// #8 GET /organizations/:organizationId/members/check-existence
	checkExistence = Request{Params: []Param{
		organizationID,
		{Name: "identityId", In: Query, Required: true, Schema: String()},
	}}

	// #10 PATCH /organizations/:organizationId/members
	upsertMembers = Request{Params: []Param{organizationID}, Body: Array(
		Object(Prop("identityId", String()), Prop("role", String())).Required("identityId", "role"),
	).MinItems(1)}

	// #12 GET /organizations/members/:identityId
	organizationsOfMember = Request{Params: []Param{
		{Name: "identityId", In: Path, Schema: String()},
		{Name: "roles", In: Query, Schema: String()},
		{Name: "includeInherited", In: Query, Schema: Boolean()},
	}}

	// #13 GET /organizations/:organizationId/descendants
	descendants = Request{Params: []Param{
		organizationID,
		{Name: "depth", In: Query, Schema: Number().Minimum(1)},
	}}

	// #14 GET /organizations/:organizationId/logo-upload-url (no path
	// parameter declared)
	logoUploadURL = Request{Params: []Param{
		{Name: "contentType", In: Query, Required: true, Schema: String().Enum(
			"image/jpeg", "image/png", "image/webp", "image/gif", "image/svg+xml", "image/avif",
			"image/bmp", "image/x-icon", "image/tiff", "image/heif", "image/heic")},
		{Name: "contentLength", In: Query, Required: true, Schema: Integer().Maximum(10000000)},
	}}

	// #16 POST /organizations/:organizationId/change-requests
	createChangeRequest = Request{Params: []Param{organizationID}, Body: Object(
		Prop("addressLine1", String()),
		Prop("addressLine2", String()),
		Prop("addressLine3", String()),
		Prop("branchName", String()),
		Prop("certificateImage", uploadedFile),
		Prop("certifiedQualifications", Array(qualification)),
		Prop("name", String().MinLength(1)),
		Prop("postalCode", String()),
		Prop("typeId", String()),
	).MinProperties(1)}

	// #17 GET /organizations/:organizationId/change-requests
	listChangeRequests = Request{Params: []Param{organizationID, page, limitParam}}

	// identity-and-auth.md §4.1 POST /auth/register
	register = Request{Body: MustParse(`{
		"type": "object",
		"properties": {
			"email": {"type": "string"},
			"password": {"type": "string"},
			"token": {"type": "string"}
		},
		"required": ["password"],
		"oneOf": [
			{"required": ["email", "password"]},
			{"required": ["token", "password"]}
		]
	}`)}

	// §4.2 POST /auth/login
	login = Request{Body: MustParse(`{
		"type": "object",
		"properties": {
			"email": {"type": "string"},
			"password": {"type": "string"},
			"fingerprint": {"type": "string"}
		},
		"required": ["email", "password"]
	}`)}

	// §4.3/§4.4 logout and refresh: bearer and cookie mode bodies
	logoutBearer = Request{Body: MustParse(`{"type":"object","properties":{"refreshToken":{"type":"string"}},"required":["refreshToken"]}`)}
	logoutCookie = Request{Body: MustParse(`{"type":"object"}`)}

	// §4.5 POST /auth/token/check
	tokenCheck = Request{Body: MustParse(`{"type":"object","properties":{"token":{"type":"string"},"target":{"type":"string"}},"required":["token"]}`)}
)

// decode parses JSON test input with encoding/json's defaults (float64
// numbers), like a handler would.
func decode(t testing.TB, text string) any {
	t.Helper()
	if text == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("bad test JSON %s: %v", text, err)
	}
	return v
}

// check compiles r, validates the input and compares the messages.
func check(t *testing.T, r Request, in Input, want []string) any {
	t.Helper()
	v, err := Compile(r)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	body, got := v.Validate(in)
	if len(got) == 0 && len(want) == 0 {
		return body
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages\n got: %q\nwant: %q", got, want)
	}
	return body
}

// bodyInput is a request with a JSON body and the organizationId path
// parameter most fixtures declare.
func bodyInput(t testing.TB, text string) Input {
	return Input{Body: decode(t, text), HasBody: true, Path: pathValues("organizationId", "o1")}
}

func pathValues(kv ...string) PathValuer {
	m := pathMap{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// pathMap is a PathValuer for tests.
type pathMap map[string]string

func (m pathMap) PathValue(name string) string { return m[name] }

// specRequests are the route schemas of the spec, by route.
func specRequests() map[string]Request {
	return map[string]Request{
		"createOrganization": createOrganization, "getOrganization": getOrganization,
		"listOrganizations": listOrganizations, "updateOrganization": updateOrganization,
		"adminUpdateOrganization": adminUpdateOrganization, "checkExistence": checkExistence,
		"upsertMembers": upsertMembers, "organizationsOfMember": organizationsOfMember,
		"descendants": descendants, "logoUploadURL": logoUploadURL,
		"createChangeRequest": createChangeRequest, "listChangeRequests": listChangeRequests,
		"register": register, "login": login, "logoutBearer": logoutBearer,
		"logoutCookie": logoutCookie, "tokenCheck": tokenCheck,
	}
}

func TestFixturesCompile(t *testing.T) {
	for name, r := range specRequests() {
		if _, err := Compile(r); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

package routes

import "github.com/blockyard/blockyard/primitives/schema"

// The pieces of the routes' request schemas that several routes share.

// Bounds of the values a client stores, which the reference left
// unbounded (docs/compatibility.md, "Bounded values"). The request body
// limit (100 kB) already bounds one write; these keep what accumulates in
// one document, and what lists of documents answer, small: an
// organization's own fields stay below about 170 kB whatever its clients
// do (qualifications, capped by the body limit, are most of it), and its
// members are capped by blocks.MaxOrganizationMembers.
const (
	// maxIDLength bounds the identity ids a request stores (an owner, a
	// member, a profile's identity). Identities get UUID v4 ids (36
	// characters), but the reference never checked the form and a host
	// app's Authenticator may use its own (Auth0's "auth0|…", ObjectIds),
	// so any id of up to 128 characters without control characters is
	// accepted.
	maxIDLength = 128
	// maxTextLength bounds names, phone numbers, type ids, address lines,
	// postal codes and qualification fields: generous for any of them.
	maxTextLength = 1000
	// maxDescriptionLength bounds an organization's description.
	maxDescriptionLength = 10000
	// maxMIMETypeLength bounds the type of an uploaded file (RFC 6838
	// allows 127 characters for each half of type/subtype).
	maxMIMETypeLength = 255
	// maxQualifications bounds an organization's (or a change request's)
	// certifiedQualifications.
	maxQualifications = 100
	// maxAddressDepth and maxAddressBytes bound the free-form address. A
	// postal address is a handful of strings one or two levels deep; 16
	// levels and 16 KiB of JSON leave room for structured variants
	// (coordinates, localized copies) while keeping the document far from
	// MongoDB's 100 levels of nesting and the address from dominating the
	// document.
	maxAddressDepth = 16
	maxAddressBytes = 16 << 10
)

// noControlCharacters refuses C0 and C1 control characters (NUL, line
// breaks, escape sequences) in ids, which no id needs and which corrupt
// logs and lookups.
const noControlCharacters = `^[^\u0000-\u001F\u007F-\u009F]*$`

// identityIDSchema is an identity id a request stores: 1 to maxIDLength
// characters, no control characters. null, which the schema coerces to ""
// like the reference's AJV did, is refused by minLength.
func identityIDSchema() *schema.Schema {
	return schema.String().MinLength(1).MaxLength(maxIDLength).Pattern(noControlCharacters)
}

// textSchema is a short free text of at most maxTextLength characters.
func textSchema() *schema.Schema { return schema.String().MaxLength(maxTextLength) }

// storableKey accepts the property names a MongoDB document can hold and
// query: not starting with "$" (an operator), without "." (a path
// separator) and without NUL (which BSON cannot encode in a name).
// MongoDB 5+ stores some "$" and "." names but cannot query them, and
// FerretDB refuses them; the empty name is stored by both and accepted.
var storableKey = schema.String().Pattern(`^(?!\$)[^.\u0000]*$`)

// addressSchema is the free-form address, bounded to what MongoDB stores.
func addressSchema() *schema.Schema {
	return schema.FreeForm(schema.FreeFormLimits{Keys: storableKey, MaxDepth: maxAddressDepth, MaxJSONBytes: maxAddressBytes})
}

// uploadedFileSchema is a reference to an uploaded object.
func uploadedFileSchema() *schema.Schema {
	return schema.Object(
		schema.Prop("objectId", schema.String().Format("uuid")),
		schema.Prop("type", schema.String().MaxLength(maxMIMETypeLength)),
	).Required("objectId", "type")
}

// qualificationsSchema is a list of certified qualifications.
func qualificationsSchema() *schema.Schema {
	return schema.Array(schema.Object(
		schema.Prop("name", textSchema()),
		schema.Prop("status", textSchema()),
		schema.Prop("value", textSchema()),
	).Required("name", "status", "value")).MaxItems(maxQualifications)
}

// commonOrganizationProps are the fields owners may edit.
func commonOrganizationProps() []schema.Property {
	return []schema.Property{
		schema.Prop("branchName", textSchema()),
		schema.Prop("contact_email", schema.String().Format("email").MaxLength(maxTextLength)),
		schema.Prop("contact_phone", textSchema()),
		schema.Prop("description", schema.String().MaxLength(maxDescriptionLength)),
	}
}

// organizationBody is the object of organization fields: the common ones,
// plus the admin-only ones when admin.
func organizationBody(admin bool) *schema.Schema {
	props := commonOrganizationProps()
	if admin {
		props = append(props,
			schema.Prop("address", addressSchema()),
			schema.Prop("certificateImage", uploadedFileSchema()),
			schema.Prop("certifiedQualifications", qualificationsSchema()),
			schema.Prop("logo", schema.OneOf(uploadedFileSchema(), schema.Null())),
			schema.Prop("name", schema.String().MinLength(1).MaxLength(maxTextLength)),
			schema.Prop("typeId", textSchema()),
		)
	}
	return schema.Object(props...)
}

// pathParam is the path parameter name, a string, as every route declares
// its path parameters.
func pathParam(name string) schema.Param {
	return schema.Param{Name: name, In: schema.Path, Schema: schema.String()}
}

// paged lists params followed by page (1–1000) and limit (1–50), the
// query parameters of every paginated organization and profile route.
func paged(params ...schema.Param) []schema.Param {
	return append(params,
		schema.Param{Name: "page", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(1000)},
		schema.Param{Name: "limit", In: schema.Query, Schema: schema.Integer().Minimum(1).Maximum(50)},
	)
}

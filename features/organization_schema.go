package features

import "github.com/blockyard/blockyard/primitives/schema"

// uploadedFileSchema is a reference to an uploaded object.
func uploadedFileSchema() *schema.Schema {
	return schema.Object(
		schema.Prop("objectId", schema.String().Format("uuid")),
		schema.Prop("type", schema.String()),
	).Required("objectId", "type")
}

// commonOrganizationProps are the fields owners may edit.
func commonOrganizationProps() []schema.Property {
	return []schema.Property{
		schema.Prop("branchName", schema.String()),
		schema.Prop("contact_email", schema.String().Format("email")),
		schema.Prop("contact_phone", schema.String()),
		schema.Prop("description", schema.String()),
	}
}

// organizationBody is the object of organization fields: the common ones,
// plus the admin-only ones when admin.
func organizationBody(admin bool) *schema.Schema {
	props := commonOrganizationProps()
	if admin {
		props = append(props,
			schema.Prop("address", schema.Type("object").AdditionalProperties(true)),
			schema.Prop("certificateImage", uploadedFileSchema()),
			schema.Prop("certifiedQualifications", schema.Array(schema.Object(
				schema.Prop("name", schema.String()),
				schema.Prop("status", schema.String()),
				schema.Prop("value", schema.String()),
			).Required("name", "status", "value"))),
			schema.Prop("logo", schema.OneOf(uploadedFileSchema(), schema.Null())),
			schema.Prop("name", schema.String().MinLength(1)),
			schema.Prop("typeId", schema.String()),
		)
	}
	return schema.Object(props...)
}

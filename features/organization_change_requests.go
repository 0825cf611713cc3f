package features

import (
	"context"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/routes"
)

// SetupChangeRequests creates, idempotently, the indexes of the
// organizationChangeRequests collection (unique id, organizationId) and
// installs blocks.TokenAuthenticator when the service has no
// Authenticator yet. Mount it with SetupOrganizations (features.
// Organizations does), which indexes the organizations.
var SetupChangeRequests = primitives.NewSetup("change requests: tokens and indexes", setupChangeRequests)

func setupChangeRequests(ctx context.Context, s *primitives.Service) error {
	if err := setupTokens(ctx, s); err != nil {
		return err
	}
	return blocks.EnsureChangeRequestIndexes(ctx, nodeblocks.OrganizationChangeRequests(s))
}

// CreateChangeRequest validates a non-empty object of proposed changes
// (address lines, branchName, certificateImage, certifiedQualifications,
// name, postalCode, typeId; each text at most 1,000 characters) before
// routes.CreateChangeRequest.
var CreateChangeRequest = primitives.NewFeature(schema.Request{
	Params: []schema.Param{organizationIDParam},
	Body: schema.Object(
		schema.Prop("addressLine1", textSchema()),
		schema.Prop("addressLine2", textSchema()),
		schema.Prop("addressLine3", textSchema()),
		schema.Prop("branchName", textSchema()),
		schema.Prop("certificateImage", uploadedFileSchema()),
		schema.Prop("certifiedQualifications", qualificationsSchema()),
		schema.Prop("name", schema.String().MinLength(1).MaxLength(maxTextLength)),
		schema.Prop("postalCode", textSchema()),
		schema.Prop("typeId", textSchema()),
	).MinProperties(1),
}, routes.CreateChangeRequest, SetupChangeRequests)

// ListChangeRequests validates ?page (1–1000) and ?limit (1–50) before
// routes.ListChangeRequests.
var ListChangeRequests = primitives.NewFeature(schema.Request{
	Params: orgParams(true, organizationIDParam),
}, routes.ListChangeRequests, SetupChangeRequests)

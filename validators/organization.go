package validators

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// organizationKey remembers the organization a request addresses, so the
// org-role validators and the handler query it once between them.
var organizationKey = primitives.NewKey[*blocks.Organization]("organization")

// Organization returns the organization whose id id reads from the request,
// loading it at most once per request: validators and the handler share the
// first lookup (and its error, 404 "Organization not found" or 500). A
// request addresses one organization; handlers that write re-read the
// stored document themselves.
func Organization(r *primitives.Request, id Source) mo.Result[*blocks.Organization] {
	return organizationKey.Once(r, func() mo.Result[*blocks.Organization] {
		s := r.Service
		return blocks.GetOrganizationByID(r.Context(), s.Collection(s.Collections.Organizations), id(r))
	})
}

package routes

import (
	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
)

// fileIDs is the service's object id issuer, keyed by its auth secrets
// (nil when they are too short).
func fileIDs(r *primitives.Request) *files.ObjectIDs {
	return blocks.FileIDsFor(nodeblocks.Settings.Of(r.Service).AuthSecrets)
}

// attachFile checks that the caller may write proposed into b's field,
// whose stored value is current (nil on create): see blocks.CheckFile. A
// proposed file that is absent, null or unchanged is accepted before
// anything else is asked. System administrators may attach any file: they
// can already download every file of the service (every organization,
// change request and profile answers them with signed URLs), so refusing
// them would protect nothing, and the reference's admin flows (creating an
// organization with a logo, moving a file between organizations) keep
// working. Whether the caller is one is the check the route's validators
// already made (the caller's identity is loaded once per request).
func attachFile(r *primitives.Request, b blocks.FileBinding, current, proposed *blocks.File) error {
	if proposed == nil || current != nil && current.ObjectID != "" && current.ObjectID == proposed.ObjectID {
		return nil
	}
	if orgAdmin(r) == nil {
		return nil
	}
	return blocks.CheckFile(fileIDs(r), b, current, proposed).Error()
}

// attachOrganizationFiles checks the logo and certificate of f, to be
// written on organization orgID, whose stored document is loaded only when
// f sets a file the caller must be entitled to. On create (orgID "") there
// is no stored file and nothing can have been issued for the organization
// yet, so only system administrators may set files there.
func attachOrganizationFiles(r *primitives.Request, orgID string, stored func() mo.Result[*blocks.Organization], f blocks.OrganizationFields) error {
	if f.Logo.File == nil && f.CertificateImage == nil {
		return nil
	}
	if orgAdmin(r) == nil {
		return nil
	}
	ids, current := fileIDs(r), blocks.Organization{}
	if orgID == "" {
		ids = nil // nothing can have been issued for it
	} else {
		org, err := stored().Get()
		if err != nil {
			return err
		}
		current = *org
	}
	if err := blocks.CheckFile(ids, blocks.LogoOf(orgID), current.Logo.File, f.Logo.File).Error(); err != nil {
		return err
	}
	return blocks.CheckFile(ids, blocks.CertificateOf(orgID), current.CertificateImage, f.CertificateImage).Error()
}

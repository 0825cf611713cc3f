package blocks

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"sync"

	"github.com/blockyard/blockyard/internal/token"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
)

// File purposes: what an upload URL's object id may be attached to.
const (
	// PurposeLogo: an organization's logo.
	PurposeLogo files.Purpose = "organization logo"
	// PurposeCertificate: an organization's certificate image, set by a
	// system admin or proposed in one of its change requests.
	PurposeCertificate files.Purpose = "organization certificate"
	// PurposeAvatar: the avatar of one identity's profiles.
	PurposeAvatar files.Purpose = "profile avatar"
)

// FileBinding is what an object id is issued for, and what a write checks
// it against: a purpose and a target document. The target is the document
// whose audience will see the file, not the person who asked for the
// upload URL, so an id requested by one owner of an organization can be
// saved by another.
type FileBinding struct {
	Purpose files.Purpose
	// Target is the organization id for logos and certificates, the
	// owning identity id for avatars (a profile does not exist yet when
	// it is created with its avatar).
	Target string
	// field and noun word the refusal: "logo", "organization".
	field, noun string
}

// LogoOf is the binding of organizationID's logo.
func LogoOf(organizationID string) FileBinding {
	return FileBinding{Purpose: PurposeLogo, Target: organizationID, field: "logo", noun: "organization"}
}

// CertificateOf is the binding of organizationID's certificate image,
// on the organization itself and in its change requests.
func CertificateOf(organizationID string) FileBinding {
	return FileBinding{Purpose: PurposeCertificate, Target: organizationID, field: "certificateImage", noun: "organization"}
}

// AvatarOf is the binding of the avatar of identityID's profiles.
func AvatarOf(identityID string) FileBinding {
	return FileBinding{Purpose: PurposeAvatar, Target: identityID, field: "avatar", noun: "identity"}
}

// fileIDKeys caches one files.ObjectIDs per pair of secrets.
var fileIDKeys sync.Map // nodeblocks.AuthSecrets → *files.ObjectIDs

// fileIDKeyLabel separates the object id key from every other key derived
// from the auth secrets (tokens use the secrets directly).
const fileIDKeyLabel = "blockyard/blocks: file object ids v1\x00"

// FileIDsFor returns the object id issuer of a service with these auth
// secrets, built once and shared; nil when a secret is shorter than 18
// characters (then no upload URL can be issued and no new file attached,
// except by system admins).
//
// The key is HMAC-SHA256(Sign, label + Enc): both secrets are needed to
// forge an id, replicas sharing the secrets (and so the tokens) accept each
// other's ids, and a Node service, which has no such key, issues ids that
// Blockyard refuses unless already stored on the document. Rotating the
// secrets invalidates the ids issued but not yet saved (their upload URLs
// expire within nodeblocks.Config.FileURLExpiry anyway); saved ones stay accepted as
// unchanged.
func FileIDsFor(s nodeblocks.AuthSecrets) *files.ObjectIDs {
	if k, ok := fileIDKeys.Load(s); ok {
		return k.(*files.ObjectIDs)
	}
	var k *files.ObjectIDs
	if (token.Secrets{Enc: s.Enc, Sign: s.Sign}).Validate() == nil {
		m := hmac.New(sha256.New, []byte(s.Sign))
		m.Write([]byte(fileIDKeyLabel + s.Enc))
		k = files.NewObjectIDs(m.Sum(nil))
	}
	v, _ := fileIDKeys.LoadOrStore(s, k)
	return v.(*files.ObjectIDs)
}

// CheckFile lets proposed be written into b's field of b's target when the
// writer is entitled to the file: proposed is nil (no file, or null), or
// it names the object current already holds there (a client re-sending
// the stored reference unchanged, which also keeps ids stored by a Node
// service), or its id was issued by ids for exactly b. Anything else, a
// forged or random id, an id issued for another organization or identity,
// or for another purpose, is a 403 naming the field: the id would
// otherwise let its holder download a file it was never given.
//
// It reads nothing: the caller passes the stored file of the document it
// already loaded (nil on create). Exempting system admins, who can read
// every file anyway, is the route's decision.
func CheckFile(ids *files.ObjectIDs, b FileBinding, current, proposed *File) mo.Result[*File] {
	switch {
	case proposed == nil:
		return mo.Ok(proposed)
	case current != nil && current.ObjectID != "" && proposed.ObjectID == current.ObjectID:
		return mo.Ok(proposed)
	case ids.Verify(b.Purpose, b.Target, proposed.ObjectID):
		return mo.Ok(proposed)
	}
	return mo.Err[*File](primitives.StatusError(http.StatusForbidden, b.field+".objectId was not issued for this "+b.noun))
}

package blocks

import (
	"context"

	"github.com/blockyard/blockyard/primitives/files"
	"github.com/samber/mo"
)

// NormalizeAvatarOfOwner returns a copy of the profile whose avatar is
// {type, url} with a freshly signed download URL instead of the objectId,
// the form every profile response uses. A null or absent avatar is
// returned as is. A URL that cannot be signed is "Failed to normalize
// avatar." (KindAvatarBlock).
func NormalizeAvatarOfOwner(ctx context.Context, storage files.Storage, p *Profile) mo.Result[*Profile] {
	if p.Avatar.File == nil {
		return mo.Ok(p)
	}
	avatar, err := signedFile(ctx, storage, p.Avatar.File)
	if err != nil {
		return mo.Err[*Profile](ErrNormalizeAvatar.Wrap(err))
	}
	c := *p
	c.Avatar = OptionalFile{File: avatar}
	return mo.Ok(&c)
}

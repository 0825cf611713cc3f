package blocks_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/files"
	"github.com/google/uuid"
)

// testFileIDs is the object id issuer of the block tests.
var testFileIDs = blocks.FileIDsFor(nodeblocks.AuthSecrets{Enc: "block-tests-enc-secret", Sign: "block-tests-sign-secret"})

func TestGenerateFileUploadURL(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	got, err := blocks.GenerateFileUploadURL(ctx, signStub{}, testFileIDs, blocks.LogoOf("org-1"), "image/svg+xml", 1234).Get()
	if err != nil {
		t.Fatal(err)
	}
	want := blocks.UploadURL{ObjectID: got.ObjectID, URL: "https://stub/put/" + got.ObjectID + ".svg?type=image/svg+xml&length=1234"}
	if got != want || !testFileIDs.Verify(blocks.PurposeLogo, "org-1", got.ObjectID) {
		t.Errorf("got %+v, want %+v with an id bound to org-1's logo", got, want)
	}

	for name, res := range map[string]error{
		"failing storage": blocks.GenerateFileUploadURL(ctx, signStub{failOn: "*"}, testFileIDs, blocks.CertificateOf("org-1"), "application/pdf", 1).Error(),
		"no storage":      blocks.GenerateFileUploadURL(ctx, nil, testFileIDs, blocks.CertificateOf("org-1"), "application/pdf", 1).Error(),
		"no id key":       blocks.GenerateFileUploadURL(ctx, signStub{}, nil, blocks.CertificateOf("org-1"), "application/pdf", 1).Error(),
	} {
		if !errors.Is(res, blocks.ErrGenerateUploadURL) {
			t.Errorf("%s: err = %v", name, res)
		}
	}
}

func TestFileIDsFor(t *testing.T) {
	t.Parallel()
	a := nodeblocks.AuthSecrets{Enc: "block-tests-enc-secret", Sign: "block-tests-sign-secret"}
	if blocks.FileIDsFor(a) != testFileIDs {
		t.Error("FileIDsFor is not cached per secrets")
	}
	id := testFileIDs.Issue(blocks.PurposeLogo, "org-1")
	for name, s := range map[string]nodeblocks.AuthSecrets{
		"other Enc":  {Enc: "block-tests-enc-secreT", Sign: a.Sign},
		"other Sign": {Enc: a.Enc, Sign: "block-tests-sign-secreT"},
	} {
		if blocks.FileIDsFor(s).Verify(blocks.PurposeLogo, "org-1", id) {
			t.Errorf("%s: an id issued under other secrets verifies", name)
		}
	}
	for _, short := range []nodeblocks.AuthSecrets{{}, {Enc: "short", Sign: a.Sign}, {Enc: a.Enc, Sign: "short"}} {
		if blocks.FileIDsFor(short) != nil {
			t.Errorf("secrets %v give a key", short)
		}
	}
}

func TestCheckFile(t *testing.T) {
	t.Parallel()
	file := func(id string) *blocks.File { return &blocks.File{ObjectID: id, Type: "image/png"} }
	issued := file(testFileIDs.Issue(blocks.PurposeLogo, "org-1"))
	stored := file(uuid.NewString()) // e.g. written by a Node service

	accepted := map[string]struct {
		current, proposed *blocks.File
	}{
		"no file":                   {stored, nil},
		"issued for it":             {nil, issued},
		"issued for it, over one":   {stored, issued},
		"the stored one, unchanged": {stored, file(stored.ObjectID)},
	}
	for name, c := range accepted {
		if got, err := blocks.CheckFile(testFileIDs, blocks.LogoOf("org-1"), c.current, c.proposed).Get(); err != nil || got != c.proposed {
			t.Errorf("%s: got %v, %v", name, got, err)
		}
	}

	refused := map[string]struct {
		ids               *files.ObjectIDs
		b                 blocks.FileBinding
		current, proposed *blocks.File
		msg               string
	}{
		"random id":            {testFileIDs, blocks.LogoOf("org-1"), stored, file(uuid.NewString()), "logo.objectId was not issued for this organization"},
		"other organization":   {testFileIDs, blocks.LogoOf("org-2"), nil, issued, "logo.objectId was not issued for this organization"},
		"other purpose":        {testFileIDs, blocks.CertificateOf("org-1"), nil, issued, "certificateImage.objectId was not issued for this organization"},
		"avatar of an org id":  {testFileIDs, blocks.AvatarOf("org-1"), nil, issued, "avatar.objectId was not issued for this identity"},
		"no key":               {nil, blocks.LogoOf("org-1"), nil, issued, "logo.objectId was not issued for this organization"},
		"empty stored id":      {testFileIDs, blocks.LogoOf("org-1"), file(""), file(""), "logo.objectId was not issued for this organization"},
		"stored one, in upper": {testFileIDs, blocks.LogoOf("org-1"), stored, file(strings.ToUpper(stored.ObjectID)), "logo.objectId was not issued for this organization"},
	}
	for name, c := range refused {
		_, err := blocks.CheckFile(c.ids, c.b, c.current, c.proposed).Get()
		var e *primitives.Error
		if !errors.As(err, &e) || e.Status != http.StatusForbidden || e.Message != c.msg {
			t.Errorf("%s: err = %#v, want 403 %q", name, err, c.msg)
		}
	}
}

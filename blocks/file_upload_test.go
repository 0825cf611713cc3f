package blocks_test

import (
	"errors"
	"testing"

	"github.com/blockyard/blockyard/blocks"
)

func TestGenerateFileUploadURL(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	got, err := blocks.GenerateFileUploadURL(ctx, signStub{}, "obj-1", "image/svg+xml", 1234).Get()
	if err != nil {
		t.Fatal(err)
	}
	want := blocks.UploadURL{ObjectID: "obj-1", URL: "https://stub/put/obj-1.svg?type=image/svg+xml&length=1234"}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}

	if _, err := blocks.GenerateFileUploadURL(ctx, signStub{failOn: "*"}, "obj-1", "application/pdf", 1).Get(); !errors.Is(err, blocks.ErrGenerateUploadURL) {
		t.Errorf("failing storage: err = %v", err)
	}
	if _, err := blocks.GenerateFileUploadURL(ctx, nil, "obj-1", "application/pdf", 1).Get(); !errors.Is(err, blocks.ErrGenerateUploadURL) {
		t.Errorf("no storage: err = %v", err)
	}
}

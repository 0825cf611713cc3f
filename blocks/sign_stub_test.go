package blocks_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// signStub is a files.Storage that signs predictable URLs, and fails for
// object names containing failOn (all of them when failOn is "*"), so
// block tests can check both what is signed and how failures surface.
type signStub struct{ failOn string }

var errStub = errors.New("stub storage failure")

func (s signStub) fails(objectName string) bool {
	return s.failOn == "*" || s.failOn != "" && strings.Contains(objectName, s.failOn)
}

func (s signStub) SignedUploadURL(_ context.Context, objectName, contentType string, contentLength int64) (string, error) {
	if s.fails(objectName) {
		return "", errStub
	}
	return fmt.Sprintf("https://stub/put/%s?type=%s&length=%d", objectName, contentType, contentLength), nil
}

func (s signStub) SignedDownloadURL(_ context.Context, objectName string) (string, error) {
	if s.fails(objectName) {
		return "", errStub
	}
	return "https://stub/get/" + objectName, nil
}

func (s signStub) SignedDeleteURL(_ context.Context, objectName string) (string, error) {
	return "https://stub/delete/" + objectName, nil
}

func (s signStub) Delete(context.Context, string) error { return nil }

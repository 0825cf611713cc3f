package features_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
)

// pdfBytes stands for a confidential certificate.
var pdfBytes = []byte("%PDF-1.4 confidential certificate of the child organization\n%%EOF\n")

// fileServer is a client of the fixture's local storage handler, with a
// way to turn the storage's absolute signed URLs into its request paths.
type fileServer struct {
	*blockyardtest.Client
	t *testing.T
}

func newFileServer(t *testing.T, f *orgFixture) fileServer {
	t.Helper()
	local, ok := f.Storage.Storage.(*blobstore.Local)
	if !ok {
		t.Fatalf("fixture storage is %T, want *blobstore.Local", f.Storage.Storage)
	}
	return fileServer{blockyardtest.NewClient(t, http.StripPrefix("/files", local.Handler())), t}
}

// path turns "http://files.test/files/x?sig" into "/files/x?sig".
func (s fileServer) path(raw string) string {
	s.t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Host != "files.test" {
		s.t.Fatalf("unexpected file URL %q", raw)
	}
	return u.RequestURI()
}

// uploadID asks c for an upload URL of org (kind "logo" or
// "certificate") and returns its object id, uploading nothing.
func uploadID(t *testing.T, c *blockyardtest.Client, org, kind, contentType string) string {
	t.Helper()
	var u struct{ ObjectID string }
	c.Get("/organizations/"+org+"/"+kind+"-upload-url?contentType="+contentType+"&contentLength=1").ExpectStatus(t, http.StatusOK).JSON(t, &u)
	return u.ObjectID
}

// avatarID is an object id bound to identityID's avatars, as an avatar
// upload-URL route would issue it (Blockyard mounts none).
func (f *orgFixture) avatarID(identityID string) string {
	return blocks.FileIDsFor(nodeblocks.Settings.Of(f.Service).AuthSecrets).Issue(blocks.PurposeAvatar, identityID)
}

// upload asks c for an upload URL of org (kind "logo" or "certificate"),
// PUTs body there and returns the object id.
func (s fileServer) upload(c *blockyardtest.Client, org, kind, contentType string, body []byte) string {
	s.t.Helper()
	var u struct{ ObjectID, URL string }
	c.Get("/organizations/"+org+"/"+kind+"-upload-url?contentType="+contentType+"&contentLength="+strconv.Itoa(len(body))).
		ExpectStatus(s.t, http.StatusOK).JSON(s.t, &u)
	s.Put(s.path(u.URL), body, blockyardtest.WithHeader("Content-Type", contentType)).ExpectStatus(s.t, http.StatusOK)
	return u.ObjectID
}

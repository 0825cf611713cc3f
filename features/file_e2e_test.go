package features_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/primitives/files/blobstore"
)

// pngBytes is a 1x1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// TestLogoEndToEnd drives the whole file story through HTTP: a logo upload
// URL from the route, a PUT of a PNG through the mounted local storage
// handler, the organization's logo set to the returned objectId, the
// organization read back, and its logo URL fetched: same bytes, image/png.
func TestLogoEndToEnd(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	local, ok := f.Storage.Storage.(*blobstore.Local)
	if !ok {
		t.Fatalf("fixture storage is %T, want *blobstore.Local", f.Storage.Storage)
	}
	fileServer := blockyardtest.NewClient(t, http.StripPrefix("/files", local.Handler()))
	// relative turns "http://files.test/files/x?sig" into "/files/x?sig".
	relative := func(raw string) string {
		u, err := url.Parse(raw)
		if err != nil || u.Host != "files.test" {
			t.Fatalf("unexpected file URL %q", raw)
		}
		return u.RequestURI()
	}

	org := f.newOrg(t, "")
	var upload struct{ ObjectID, URL string }
	f.Owner.Get("/organizations/"+org+"/logo-upload-url?contentType=image/png&contentLength="+strconv.Itoa(len(pngBytes))).
		ExpectStatus(t, http.StatusOK).JSON(t, &upload)

	// A different content type than the signed one is refused, and stores nothing.
	fileServer.Put(relative(upload.URL), pngBytes, blockyardtest.WithHeader("Content-Type", "image/jpeg")).ExpectStatus(t, http.StatusForbidden)
	fileServer.Put(relative(upload.URL), pngBytes, blockyardtest.WithHeader("Content-Type", "image/png")).ExpectStatus(t, http.StatusOK)

	f.Admin.Patch("/admin/organizations/"+org, map[string]any{"logo": map[string]string{"objectId": upload.ObjectID, "type": "image/png"}}).
		ExpectStatus(t, http.StatusOK)
	if st := f.stored(t, org); st.Logo.File == nil || st.Logo.File.ObjectID != upload.ObjectID {
		t.Fatalf("stored logo = %+v, want objectId %s", st.Logo, upload.ObjectID)
	}

	var got struct {
		Logo struct{ Type, URL string }
	}
	f.Member.Get("/organizations/"+org).ExpectStatus(t, http.StatusOK).JSON(t, &got)
	if got.Logo.Type != "image/png" || !strings.Contains(got.Logo.URL, upload.ObjectID+".png") {
		t.Fatalf("logo = %+v, want a download URL of %s.png", got.Logo, upload.ObjectID)
	}
	r := fileServer.Get(relative(got.Logo.URL)).ExpectStatus(t, http.StatusOK)
	if !bytes.Equal(r.Body, pngBytes) || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("downloaded %d bytes as %q, want the uploaded PNG", len(r.Body), r.Header.Get("Content-Type"))
	}

	// Deleting the organization deletes its logo file.
	f.Owner.Delete("/organizations/"+org).ExpectStatus(t, http.StatusNoContent)
	fileServer.Get(relative(got.Logo.URL)).ExpectStatus(t, http.StatusNotFound)
}

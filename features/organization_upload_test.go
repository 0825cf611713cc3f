package features_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/google/uuid"
)

func TestOrganizationUploadURLs(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	for _, kind := range []struct{ path, okType, badType string }{
		{"logo-upload-url", "image/webp", "application/pdf"},
		{"certificate-upload-url", "application/pdf", "image/webp"},
	} {
		t.Run(kind.path, func(t *testing.T) {
			url := func(org, query string) string { return "/organizations/" + org + "/" + kind.path + "?" + query }
			ok := "contentType=" + kind.okType + "&contentLength=10000000"

			// System admins and owners get a fresh object id and a signed URL.
			for name, c := range map[string]*blockyardtest.Client{"admin": f.Admin, "owner": f.Owner} {
				var got struct{ ObjectID, URL string }
				c.Get(url(org, ok)).ExpectStatus(t, http.StatusOK).JSON(t, &got)
				if uuid.Validate(got.ObjectID) != nil || !strings.HasPrefix(got.URL, "http://files.test/files/") {
					t.Errorf("%s: answered %+v", name, got)
				}
			}
			f.Anonymous.Get(url(org, ok)).ExpectError(t, http.StatusUnauthorized, "")
			for _, c := range []*blockyardtest.Client{f.OrgAdmin, f.Member, f.Outsider} {
				c.Get(url(org, ok)).ExpectError(t, http.StatusForbidden, msgNotAdmin)
			}
			// A missing organization is 404 for a system admin (the
			// reference signed a URL for it).
			f.Admin.Get(url("missing", ok)).ExpectError(t, http.StatusNotFound, "Organization not found")

			for query, msg := range map[string]string{
				"contentLength=1":                                        "query parameter 'contentType' is required",
				"contentType=" + kind.okType:                             "query parameter 'contentLength' is required",
				"contentType=" + kind.badType + "&contentLength=1":       "query parameter 'contentType' must be equal to one of the allowed values",
				"contentType=" + kind.okType + "&contentLength=10000001": "query parameter 'contentLength' must be <= 10000000",
				"contentType=" + kind.okType + "&contentLength=1.5":      "query parameter 'contentLength' must be integer",
				ok + "&extra=1":                                          "query parameter 'extra' is not allowed",
			} {
				expectValidation(t, f.Owner.Get(url(org, query)), msg)
			}
		})
	}
}

func TestOrganizationUploadURLStorageFailure(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	f.breakUploads()
	res := f.Owner.Get("/organizations/"+org+"/logo-upload-url?contentType=image/png&contentLength=1").
		ExpectError(t, http.StatusInternalServerError, "Failed to generate signed upload URL.")
	if strings.Contains(string(res.Body), `"data"`) {
		t.Errorf("mapped error carries data: %s", res.Body)
	}
}

// contentLength is read with JavaScript's Number, as the schema checked it:
// the URL binds the length the schema accepted, however it was spelled.
func TestOrganizationUploadURLContentLengthSpellings(t *testing.T) {
	t.Parallel()
	f := newPeripheryFixture(t)
	org := f.newOrg(t, "")
	for query, want := range map[string]string{"%205": "5", "%2B5": "5", "0x10": "16", "2.0": "2", "1e3": "1000"} {
		var got struct{ URL string }
		f.Owner.Get("/organizations/"+org+"/logo-upload-url?contentType=image/png&contentLength="+query).ExpectStatus(t, http.StatusOK).JSON(t, &got)
		if !strings.Contains(got.URL, "contentLength="+want+"&") && !strings.HasSuffix(got.URL, "contentLength="+want) {
			t.Errorf("contentLength=%s signed %s, want contentLength=%s", query, got.URL, want)
		}
	}
}

package crud_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestImportOverRealServer sends a bulk import through a real HTTP
// server (net/http, where the router sets a body read deadline), not the
// in-process recorder.
func TestImportOverRealServer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := httptest.NewServer(f.Handler)
	defer srv.Close()
	body, ct := multipartCSV(t, "name,status\r\nserved,live\r\n")
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/widgets/bulk-import?organizationId="+f.OrgA, bytes.NewReader(body))
	ct(req)
	req.Header.Set("Authorization", "Bearer "+f.AdminToken)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || string(got) != "true" {
		t.Fatalf("import over a real server: %d %s", res.StatusCode, got)
	}
}

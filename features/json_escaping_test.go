package features_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/files"
	"github.com/google/uuid"
)

// Bodies are written like JSON.stringify: <, > and & stay as they are, in
// documents' own fields, in free-form ones and in signed URLs.
func TestOrganizationBodiesAreNotHTMLEscaped(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	logo := uuid.NewString()
	r := f.Admin.Post("/organizations", map[string]any{
		"organization": map[string]any{
			"name": "A<b>&c", "description": "d", "contact_email": "a@b.co",
			"address": map[string]any{"k": "<&>"},
			"logo":    map[string]any{"objectId": logo, "type": "image/png"},
		},
		"ownerId": f.OwnerID,
	}).ExpectStatus(t, http.StatusOK)
	body := string(r.Body)
	for _, want := range []string{`"name":"A<b>&c"`, `"address":{"k":"<&>"}`, files.ObjectName(logo, "image/png")} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s: %s", want, body)
		}
	}
	if strings.Contains(body, `\u00`) {
		t.Errorf("body has HTML escapes: %s", body)
	}
	var org struct{ ID string }
	r.JSON(t, &org)
	got := string(f.Owner.Get("/organizations/"+org.ID).ExpectStatus(t, http.StatusOK).Body)
	if strings.Contains(got, `\u00`) || !strings.Contains(got, "&") {
		t.Errorf("GET body has HTML escapes or lost the URL's &: %s", got)
	}
}

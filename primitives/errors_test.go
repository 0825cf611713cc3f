package primitives_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/blockyard/blockyard/primitives"
)

var (
	kindOrg        = primitives.NewKind("OrganizationBlockError", primitives.KindBlock)
	kindOrgBadReq  = primitives.NewKind("OrganizationBadRequestError", kindOrg)
	kindOtherBlock = primitives.NewKind("OtherBlockError", primitives.KindBlock)
)

func TestKindIsFollowsTheTree(t *testing.T) {
	if !kindOrgBadReq.Is(kindOrg) || !kindOrgBadReq.Is(primitives.KindBlock) || !kindOrg.Is(kindOrg) {
		t.Error("a kind must match itself and its ancestors")
	}
	if kindOrg.Is(kindOrgBadReq) || kindOtherBlock.Is(kindOrg) {
		t.Error("a kind must not match its descendants or siblings")
	}
}

func TestErrorMapResolve(t *testing.T) {
	m := primitives.ErrorMap{
		{Kind: kindOrgBadReq, Status: http.StatusBadRequest},
		{Kind: kindOrg, Status: http.StatusInternalServerError},
	}
	tests := []struct {
		name    string
		err     error
		status  int
		message string
		data    string
	}{
		{"first matching entry wins, data dropped", primitives.NewError(kindOrgBadReq, "Invalid audit status").WithData([]string{"x"}), 400, "Invalid audit status", "null"},
		{"parent kind catches child", primitives.NewError(primitives.NewKind("Sub", kindOrg), "sub"), 500, "sub", "null"},
		{"status error keeps status and data", primitives.StatusError(404, "Organization not found").WithData(map[string]int{"a": 1}), 404, "Organization not found", `{"a":1}`},
		{"unmapped kind is 500 with data []", primitives.NewError(kindOtherBlock, "Failed to normalize file."), 500, "Failed to normalize file.", "[]"},
		{"plain Go error is 500 Internal Server Error", errors.New("secret detail"), 500, "Internal Server Error", "[]"},
	}
	for _, tt := range tests {
		e := m.Resolve(tt.err)
		data, _ := json.Marshal(e.Data)
		if e.Status != tt.status || e.Message != tt.message || string(data) != tt.data {
			t.Errorf("%s: got %d %q %s, want %d %q %s", tt.name, e.Status, e.Message, data, tt.status, tt.message, tt.data)
		}
	}
}

// TestErrorMapMessageAndData: an entry's Message replaces the error's,
// KeepData sends its Data; an entry without them is the default above.
func TestErrorMapMessageAndData(t *testing.T) {
	kindNotFound := primitives.NewKind("NotFound", primitives.KindBlock)
	kindConflict := primitives.NewKind("Conflict", primitives.KindBlock)
	kindBoth := primitives.NewKind("Both", primitives.KindBlock)
	m := primitives.ErrorMap{
		{Kind: kindNotFound, Status: http.StatusNotFound, Message: "Organization not found"},
		{Kind: kindConflict, Status: http.StatusConflict, KeepData: true},
		{Kind: kindBoth, Status: http.StatusBadRequest, Message: "Email or slug already in use.", KeepData: true},
	}
	cause := errors.New("mongo: no documents")
	tests := []struct {
		name    string
		err     *primitives.Error
		status  int
		message string
		data    string
	}{
		{"message replaced, data still dropped", primitives.NewError(kindNotFound, "Document not found").WithData([]string{"x"}).Wrap(cause), 404, "Organization not found", "null"},
		{"data kept, message the error's", primitives.NewError(kindConflict, "A document with this email already exists").WithData(map[string][]string{"fields": {"email"}}), 409, "A document with this email already exists", `{"fields":["email"]}`},
		{"both", primitives.NewError(kindBoth, "dup").WithData(map[string][]string{"fields": {"slug"}}), 400, "Email or slug already in use.", `{"fields":["slug"]}`},
	}
	for _, tt := range tests {
		e := m.Resolve(tt.err)
		data, _ := json.Marshal(e.Data)
		if e.Status != tt.status || e.Message != tt.message || string(data) != tt.data || e.Kind != tt.err.Kind || e.Err != tt.err.Err {
			t.Errorf("%s: got %d %q %s (kind %v, cause %v), want %d %q %s", tt.name, e.Status, e.Message, data, e.Kind, e.Err, tt.status, tt.message, tt.data)
		}
	}
}

func TestCausedSerializesLikeTheReference(t *testing.T) {
	cause := primitives.StatusError(404, "Organization not found").WithOp("getOrganizationById")
	e := primitives.StatusError(403, "Failed to fetch organization").Caused(cause)
	b, _ := json.Marshal(e.Data)
	want := `{"cause":{"statusCode":404,"name":"NodeblocksError","functionName":"getOrganizationById"}}`
	if string(b) != want {
		t.Fatalf("data = %s, want %s", b, want)
	}
	if !errors.Is(e, cause) {
		t.Fatal("the cause must stay reachable through errors.Is")
	}
}

package files_test

import (
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives/files"
	"github.com/google/uuid"
)

func TestObjectIDsBindPurposeAndTarget(t *testing.T) {
	t.Parallel()
	ids := files.NewObjectIDs([]byte("0123456789abcdef0123456789abcdef"))
	const logo, cert files.Purpose = "logo", "certificate"
	id := ids.Issue(logo, "org-1")

	if u, err := uuid.Parse(id); err != nil || u.String() != id || u.Version() != 4 || u.Variant() != uuid.RFC4122 {
		t.Fatalf("Issue = %q, want a canonical UUID v4 (err %v)", id, err)
	}
	if !ids.Verify(logo, "org-1", id) {
		t.Fatal("an id does not verify for what it was issued for")
	}
	refused := map[string]bool{
		"other target":      ids.Verify(logo, "org-2", id),
		"other purpose":     ids.Verify(cert, "org-1", id),
		"target as purpose": ids.Verify("org-1", string(logo), id),
		"empty target":      ids.Verify(logo, "", id),
		"other key":         files.NewObjectIDs([]byte("another key, as long as the first")).Verify(logo, "org-1", id),
		"nil ObjectIDs":     (*files.ObjectIDs)(nil).Verify(logo, "org-1", id),
		"upper case":        ids.Verify(logo, "org-1", strings.ToUpper(id)),
		"braced":            ids.Verify(logo, "org-1", "{"+id+"}"),
		"urn":               ids.Verify(logo, "org-1", "urn:uuid:"+id),
		"random uuid":       ids.Verify(logo, "org-1", uuid.NewString()),
		"empty":             ids.Verify(logo, "org-1", ""),
		"not a uuid":        ids.Verify(logo, "org-1", "x"),
	}
	for name, ok := range refused {
		if ok {
			t.Errorf("%s: verified", name)
		}
	}
	// Any single changed hex digit of the id breaks it.
	for i := range len(id) {
		if id[i] == '-' {
			continue
		}
		b := []byte(id)
		b[i] = "0123456789abcdef"[(strings.IndexByte("0123456789abcdef", b[i])+1)%16]
		if ids.Verify(logo, "org-1", string(b)) {
			t.Errorf("id with digit %d changed (%s) verified", i, b)
		}
	}
}

func TestObjectIDsAreFresh(t *testing.T) {
	t.Parallel()
	ids := files.NewObjectIDs([]byte("0123456789abcdef0123456789abcdef"))
	seen := map[string]bool{}
	for range 1000 {
		id := ids.Issue("logo", "org-1")
		if seen[id] {
			t.Fatalf("Issue returned %s twice", id)
		}
		seen[id] = true
	}
}

package tenancy

import (
	"regexp"
	"strings"
	"testing"
)

// TestDatabaseName: names fit MongoDB's, FerretDB's and PostgreSQL's
// limits, distinct ids (even differing only by case) get distinct names,
// and a bad prefix is refused.
func TestDatabaseName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9_]{1,63}$`)
	long := strings.Repeat("p", MaxDatabasePrefix)
	seen := map[string]string{}
	for _, id := range []string{
		"7d43eee5-1ffe-4d59-8a6a-7557a5fef8a1",
		"7D43EEE5-1FFE-4D59-8A6A-7557A5FEF8A1",
		"7d43eee51ffe4d598a6a7557a5fef8a1",
		"acme", "ACME", "a/b.c d$e", strings.Repeat("x", 500), "",
	} {
		for _, prefix := range []string{DefaultDatabasePrefix, long} {
			name, err := DatabaseName(prefix, id)
			if err != nil {
				t.Fatal(err)
			}
			if !valid.MatchString(name) || len(name) > 63 {
				t.Errorf("DatabaseName(%q, %q) = %q", prefix, id, name)
			}
			key := strings.ToLower(name)
			if other, ok := seen[key]; ok {
				t.Errorf("ids %q and %q share the database %s", other, id, name)
			}
			seen[key] = id
		}
	}
	if name, _ := DatabaseName("tenant_", "7d43eee5-1ffe-4d59-8a6a-7557a5fef8a1"); name != "tenant_7d43eee51ffe4d598a6a7557a5fef8a1" {
		t.Errorf("a UUID's name is %s", name)
	}
	for _, p := range []string{"", long + "p", "Tenant_", "t-", "t.", "t$"} {
		if _, err := DatabaseName(p, "x"); err == nil {
			t.Errorf("prefix %q accepted", p)
		}
	}
}

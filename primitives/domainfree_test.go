package primitives_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// domainWords are the words of the built-in organization, identity and
// profile domain (package nodeblocks), which the machinery must not name,
// not even in its comments: a domain plugs in through Setting, the
// machinery knows none. Whole words where a machinery word contains them
// ("remember", "control"). The Nodeblocks envelope and error names are
// the wire format the machinery answers in by default, not the domain.
var domainWords = regexp.MustCompile(`(?i)organi[sz]ation|profile|\bmembers?\b|\broles?\b|identity ?types?|typeid`)

// TestMachineryNamesNoDomain reads every non-test Go file of package
// primitives and of package blockyardtest (a non-test package host apps
// import).
func TestMachineryNamesNoDomain(t *testing.T) {
	for _, dir := range []string{".", "blockyardtest"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(src), "\n") {
				if w := domainWords.FindString(line); w != "" {
					t.Errorf("%s:%d names the domain (%q): %s", name, i+1, w, strings.TrimSpace(line))
				}
			}
		}
	}
}

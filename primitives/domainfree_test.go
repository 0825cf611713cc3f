package primitives_test

import (
	"io/fs"
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

// TestMachineryNamesNoDomain reads every non-test Go file under
// primitives/ (package primitives and its subpackages: schema, files,
// blobstore, blockyardtest), generated tables aside (mime-db's type names
// are not ours).
func TestMachineryNamesNoDomain(t *testing.T) {
	var names []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			names = append(names, path)
		}
		return err
	})
	if err != nil || len(names) < 20 {
		t.Fatalf("walking primitives/: %d files, %v", len(names), err)
	}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(string(src), "// Code generated ") {
			continue
		}
		for i, line := range strings.Split(string(src), "\n") {
			if w := domainWords.FindString(line); w != "" {
				t.Errorf("%s:%d names the domain (%q): %s", name, i+1, w, strings.TrimSpace(line))
			}
		}
	}
}

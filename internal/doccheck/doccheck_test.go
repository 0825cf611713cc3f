package doccheck

import (
	"bufio"
	"encoding/json"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/blockyard/blockyard"

// listed is what `go list -json` says of one package.
type listed struct {
	ImportPath string
	Dir        string
	Name       string
	GoFiles    []string
	Imports    []string
}

// modulePackages lists the packages of the module.
func modulePackages(t *testing.T) []listed {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command(goTool, "list", "-json", module+"/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

// TestPackageDocsHaveSections fails for a package whose package comment
// has no "# " heading.
func TestPackageDocsHaveSections(t *testing.T) {
	for _, p := range modulePackages(t) {
		if p.Name == "main" {
			continue // commands document their usage, not an API
		}
		fset := token.NewFileSet()
		var text string
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if f.Doc != nil {
				text += f.Doc.Text()
			}
		}
		if text == "" {
			t.Errorf("%s has no package comment", p.ImportPath)
			continue
		}
		// An explicit "# " heading: go/doc/comment would also take an
		// old-style implicit heading (a lone capitalized line), which is
		// not the style asked for.
		var cp comment.Parser
		hasHeading := slices.ContainsFunc(cp.Parse(text).Content, func(b comment.Block) bool {
			_, ok := b.(*comment.Heading)
			return ok
		}) && explicitHeading.MatchString(text)
		if !hasHeading {
			t.Errorf("%s: the package comment has no \"# \" section heading", p.ImportPath)
		}
	}
}

// explicitHeading matches a "# Heading" line of a doc comment's text.
var explicitHeading = regexp.MustCompile(`(?m)^# \S`)

// tableRow matches a row of the import table of docs/architecture.md:
// | `package` | role | `a`, `b` or none | external |
var tableRow = regexp.MustCompile("^\\| `([a-z/]+)` \\| [^|]+ \\| ([^|]+) \\|")

// TestArchitectureImportTable checks docs/architecture.md against the
// imports of the code.
func TestArchitectureImportTable(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	allowed := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := tableRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var deps []string
		for _, d := range regexp.MustCompile("`([a-z/]+)`").FindAllStringSubmatch(m[2], -1) {
			deps = append(deps, d[1])
		}
		allowed[m[1]] = deps
	}
	if len(allowed) < 10 {
		t.Fatalf("found %d rows in the import table of docs/architecture.md", len(allowed))
	}
	for _, p := range modulePackages(t) {
		rel := strings.TrimPrefix(p.ImportPath, module+"/")
		if p.Name == "main" || strings.Contains(rel, "/internal/") {
			continue // commands, and generators below a package, import what they like
		}
		may, ok := allowed[rel]
		if !ok {
			t.Errorf("docs/architecture.md has no row for package %s", rel)
			continue
		}
		for _, imp := range p.Imports {
			dep, inModule := strings.CutPrefix(imp, module+"/")
			if inModule && !slices.Contains(may, dep) {
				t.Errorf("%s imports %s, which its row in docs/architecture.md does not allow", rel, dep)
			}
		}
	}
}

// TestReadmeQuickstartIsTheProgram fails when the README's first example
// is not examples/quickstart/main.go byte for byte: the README shows the
// program that the quickstart's end-to-end test runs, not a copy that
// drifted from it.
func TestReadmeQuickstartIsTheProgram(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	program, err := os.ReadFile("../../examples/quickstart/main.go")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(program), "\n"); n > 40 {
		t.Errorf("examples/quickstart/main.go has %d lines; the quickstart promises at most 40", n)
	}
	_, rest, ok := strings.Cut(string(readme), "```go\n")
	if !ok {
		t.Fatal("README.md has no Go example")
	}
	first, _, _ := strings.Cut(rest, "```")
	if first != string(program) {
		t.Errorf("README.md's first Go example is not examples/quickstart/main.go:\n%s", first)
	}
}

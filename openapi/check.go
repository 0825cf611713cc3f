package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Checker checks answers against a document: that the operation lists
// the status, and that the body matches the documented schema. A test kit
// runs every answer of a test suite through one, so that the suite proves
// the document true (see blockyardtest).
type Checker struct {
	ops      []checkedOp
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	schemas  map[string]*jsonschema.Schema // by JSON pointer
}

type checkedOp struct {
	method  string
	path    string
	segs    []string // lower-cased literals, "" for a wildcard
	op      *Operation
	pointer string // JSON pointer of the operation
}

const checkerURL = "mem:///openapi.json"

// NewChecker prepares doc for checking; schemas are compiled on first use.
func NewChecker(doc *Document) (*Checker, error) {
	text, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseRegexpEngine(ecmaRegexp)
	if err := c.AddResource(checkerURL, v); err != nil {
		return nil, err
	}
	ch := &Checker{compiler: c, schemas: map[string]*jsonschema.Schema{}}
	for path, item := range doc.Paths {
		for _, m := range []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"} {
			op := *item.slot(m)
			if op == nil {
				continue
			}
			ch.ops = append(ch.ops, checkedOp{
				method: m, path: path, segs: splitTemplate(path), op: op,
				pointer: "/paths/" + escapePointer(path) + "/" + strings.ToLower(m),
			})
		}
	}
	// Literal segments before wildcards, as a router registering the
	// more specific route first would match.
	slices.SortFunc(ch.ops, func(a, b checkedOp) int { return strings.Compare(a.path, b.path) })
	return ch, nil
}

func splitTemplate(path string) []string {
	p := strings.Trim(path, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = ""
		} else {
			segs[i] = strings.ToLower(s)
		}
	}
	return segs
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// find returns the operation of method at the request path (query
// stripped, relative to the document's server), preferring literal
// segments over wildcards; nil when none matches.
func (c *Checker) find(method, path string) *checkedOp {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	path, _, _ = strings.Cut(path, "?")
	p := strings.Trim(path, "/")
	var segs []string
	if p != "" {
		segs = strings.Split(p, "/")
	}
	var best *checkedOp
	bestScore := -1
	for i := range c.ops {
		o := &c.ops[i]
		if o.method != method || len(o.segs) != len(segs) {
			continue
		}
		score, ok := 0, true
		for j, s := range o.segs {
			switch {
			case s == "":
				ok = ok && segs[j] != ""
			case strings.EqualFold(s, segs[j]):
				score++
			default:
				ok = false
			}
		}
		if ok && score > bestScore {
			best, bestScore = o, score
		}
	}
	return best
}

// Check checks one answer to method path (the request's path relative to
// the document's server, query allowed). It returns false when no
// operation of the document has that method and path (such a request is
// answered 404 by the router, and not checked), and an error when the
// operation does not list the status or the JSON body does not match the
// documented schema.
func (c *Checker) Check(method, path string, status int, body []byte) (bool, error) {
	o := c.find(method, path)
	if o == nil {
		return false, nil
	}
	var key string
	var res *Response
	for _, key = range []string{strconv.Itoa(status), strconv.Itoa(status/100) + "XX", "default"} {
		if res = o.op.Responses[key]; res != nil {
			break
		}
	}
	if res == nil {
		listed := make([]string, 0, len(o.op.Responses))
		for k := range o.op.Responses {
			listed = append(listed, k)
		}
		slices.Sort(listed)
		return true, fmt.Errorf("the API document does not list status %d for %s %s (operation %s lists %s)",
			status, o.method, o.path, o.op.OperationID, strings.Join(listed, ", "))
	}
	mt, ok := res.Content["application/json"]
	if method == http.MethodHead || !ok || mt.Schema == nil {
		if len(body) > 0 && res.Content == nil && key != "default" {
			return true, fmt.Errorf("%s %s answered %d with a body, which the API document says has none (operation %s)", o.method, o.path, status, o.op.OperationID)
		}
		return true, nil
	}
	s, err := c.schema(o.pointer + "/responses/" + key + "/content/application~1json/schema")
	if err != nil {
		return true, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return true, fmt.Errorf("%s %s answered %d with a body that is not JSON, which the API document says is: %v", o.method, o.path, status, err)
	}
	if err := s.Validate(v); err != nil {
		return true, fmt.Errorf("%s %s answered %d with a body that does not match the API document (operation %s): %v", o.method, o.path, status, o.op.OperationID, err)
	}
	return true, nil
}

// schema compiles the schema at pointer once.
func (c *Checker) schema(pointer string) (*jsonschema.Schema, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.schemas[pointer]; ok {
		return s, nil
	}
	s, err := c.compiler.Compile(checkerURL + "#" + pointer)
	if err != nil {
		return nil, fmt.Errorf("openapi: compile the documented schema at %s: %w", pointer, err)
	}
	c.schemas[pointer] = s
	return s, nil
}

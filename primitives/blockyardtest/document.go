package blockyardtest

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blockyard/blockyard/openapi"
	"github.com/blockyard/blockyard/primitives"
)

// routeLister is what a Client needs of its handler to check answers
// against the API document: a *primitives.Router has it.
type routeLister interface {
	Routes() []primitives.RouteInfo
}

// documentCheck checks a Client's answers against the document of the
// routes it serves.
type documentCheck struct {
	prefix  string // the mount prefix to strip from request paths
	once    sync.Once
	routes  func() []primitives.RouteInfo
	checker *openapi.Checker
	err     error
}

// checkers shares one Checker per distinct document: the tests of a
// package mount the same routes again and again.
var checkers sync.Map // [sha256 of the document]*openapi.Checker

// checkedResponses counts the answers checked against a document.
var checkedResponses atomic.Int64

// CheckedResponses returns how many answers the clients of this test
// binary have checked against the API document so far ([Main] prints it).
func CheckedResponses() int64 { return checkedResponses.Load() }

func (d *documentCheck) get() (*openapi.Checker, error) {
	d.once.Do(func() {
		doc, err := openapi.Build(d.routes(), openapi.Options{})
		if err != nil {
			d.err = err
			return
		}
		text, err := json.Marshal(doc)
		if err != nil {
			d.err = err
			return
		}
		key := sha256.Sum256(text)
		if c, ok := checkers.Load(key); ok {
			d.checker = c.(*openapi.Checker)
			return
		}
		c, err := openapi.NewChecker(doc)
		if err != nil {
			d.err = err
			return
		}
		got, _ := checkers.LoadOrStore(key, c)
		d.checker = got.(*openapi.Checker)
	})
	return d.checker, d.err
}

// check checks one answer; it fails the Client's test when the document
// does not list the status or the body does not match.
func (c *Client) check(r *Response) {
	c.t.Helper()
	if c.doc == nil || c.unchecked {
		return
	}
	path := r.path
	if c.doc.prefix != "" {
		rest, ok := strings.CutPrefix(path, c.doc.prefix)
		if !ok {
			return // not the API (a health check, a file)
		}
		path = rest
	}
	ch, err := c.doc.get()
	if err != nil {
		c.t.Errorf("blockyardtest: build the API document to check %s: %v", r, err)
		return
	}
	checked, err := ch.Check(r.method, path, r.Status, r.Body)
	if checked {
		checkedResponses.Add(1)
	}
	if err != nil {
		c.t.Errorf("blockyardtest: %v%s\n(a test that must see an undocumented answer can opt out with Client.Unchecked)", err, r.bodyText())
	}
}

// Unchecked returns a copy of c that does not check its answers against
// the API document: for a test that deliberately provokes an answer no
// document lists (a handler's panic, a broken database).
func (c *Client) Unchecked() *Client {
	d := c.With()
	d.unchecked = true
	return d
}

// CheckedAgainst returns a copy of c that checks the answers to requests
// under prefix (such as "/api") against the document of routes, for a
// client whose handler is not the Router itself (a mux that mounts it).
// NewClient checks against the Router by itself when given one.
func (c *Client) CheckedAgainst(routes []primitives.RouteInfo, prefix string) *Client {
	d := c.With()
	d.doc = &documentCheck{prefix: prefix, routes: func() []primitives.RouteInfo { return routes }}
	return d
}

// printChecked reports the count at the end of a test binary.
func printChecked() {
	if n := CheckedResponses(); n > 0 {
		fmt.Fprintf(os.Stderr, "blockyardtest: %d answers checked against the API document\n", n)
	}
}

package openapi

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
)

// Compare walks a route table and a document together and lists every
// disagreement: a route without its operation, an operation without its
// route, a status a route can answer that its operation does not list (or
// one listed that it cannot answer), a path or query parameter missing on
// either side. A host app that edits the document it serves can test that
// it still tells the truth with it; an empty result means they agree.
func Compare(routes []primitives.RouteInfo, doc *Document) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	seen := map[*Operation]bool{}
	for _, ri := range routes {
		where := ri.Method + " " + ri.Path
		op := doc.Operation(ri.Method, documentPath(ri.Path))
		if op == nil {
			add("%s: route %q has no operation", where, ri.Name)
			continue
		}
		seen[op] = true
		if ri.Name != "" && !strings.HasPrefix(op.OperationID, ri.Name) {
			add("%s: operationId %q, route name %q", where, op.OperationID, ri.Name)
		}
		want := routeStatuses(ri)
		for _, s := range want {
			if op.Responses[s] == nil {
				add("%s: can answer %s, which the operation does not list", where, s)
			}
		}
		for s := range op.Responses {
			if !slices.Contains(want, s) {
				add("%s: the operation lists %s, which the route cannot answer", where, s)
			}
		}
		wantParams := routeParams(ri)
		var got []string
		for _, p := range op.Parameters {
			key := p.In + " " + p.Name
			got = append(got, key)
			if !slices.Contains(wantParams, key) {
				add("%s: the operation lists parameter %s, which the route does not read", where, key)
			}
			if p.In == "path" && !p.Required {
				add("%s: path parameter %s is not required", where, p.Name)
			}
		}
		for _, k := range wantParams {
			if !slices.Contains(got, k) {
				add("%s: the route reads parameter %s, which the operation does not list", where, k)
			}
		}
		if hasBody := ri.Route.Schema != nil && ri.Route.Schema.Body != nil || ri.Route.Form != nil; hasBody != (op.RequestBody != nil) {
			add("%s: request body declared %v by the route, %v by the operation", where, hasBody, op.RequestBody != nil)
		}
	}
	for path, item := range doc.Paths {
		for _, m := range []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"} {
			if op := *item.slot(m); op != nil && !seen[op] {
				add("%s %s: operation %q has no route", m, path, op.OperationID)
			}
		}
	}
	slices.Sort(problems)
	return problems
}

// routeStatuses lists, from the route alone, the statuses it can answer.
func routeStatuses(ri primitives.RouteInfo) []string {
	rt := ri.Route
	var out []string
	add := func(s int) {
		if k := strconv.Itoa(s); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	var errs primitives.ErrorMap
	switch t := rt.Handler.Terminator.(type) {
	case terminators.JSONTerminator:
		add(t.Status)
		errs = t.Errors
	case terminators.EmptyTerminator:
		add(t.Status)
		errs = t.Errors
	default:
		out = append(out, "default")
	}
	for _, e := range errs {
		add(e.Status)
	}
	for _, v := range rt.Validators {
		r, ok := primitives.DescribedRefusal(v)
		if !ok && !slices.Contains(out, clientErrors) {
			out = append(out, clientErrors)
		}
		for _, e := range r.Errors {
			add(statusOf(e))
		}
	}
	for _, e := range rt.Errors {
		add(statusOf(e))
	}
	if rt.Schema != nil || strings.Contains(ri.Path, "{") {
		add(http.StatusBadRequest)
	}
	switch ri.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		for _, s := range []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusRequestTimeout} {
			add(s)
		}
	}
	add(http.StatusInternalServerError)
	return out
}

// routeParams lists "in name" of the parameters the route reads.
func routeParams(ri primitives.RouteInfo) []string {
	var out []string
	for seg := range strings.SplitSeq(ri.Path, "/") {
		if strings.HasPrefix(seg, "{") {
			out = append(out, "path "+strings.Trim(seg, "{}"))
		}
	}
	if rs := ri.Route.Schema; rs != nil {
		for _, p := range rs.Params {
			if p.In == schema.Query {
				out = append(out, "query "+p.Name)
			}
		}
	}
	return out
}

package openapi

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/blockyard/blockyard/terminators"
)

// Options are what the routes cannot tell: the API's title and version,
// where it is mounted, and how its clients authenticate.
type Options struct {
	// Title names the API; "Blockyard API" when empty.
	Title string
	// Version is the API's version; "1.0.0" when empty.
	Version string
	// Description is Markdown shown above the operations.
	Description string
	// Servers are the base URLs the routes are mounted under, such as
	// {URL: "/api"} for a service mounted with http.StripPrefix("/api", h).
	Servers []Server
	// SecuritySchemes are the ways a client authenticates on the routes
	// whose validators authenticate (see primitives.DescribeValidator):
	// any one of them is accepted. Nil means BearerAuth alone; a service
	// in cookie mode adds CookieAuth.
	SecuritySchemes map[string]SecurityScheme
}

// BearerAuth is the default security scheme: the access token in
// "Authorization: Bearer <token>".
var BearerAuth = SecurityScheme{Type: "http", Scheme: "bearer", Description: "The access token from login, in Authorization: Bearer <token>."}

// CookieAuth is the security scheme of a service that keeps the access
// token in a cookie (the name is the service's cookie name).
func CookieAuth(name string) SecurityScheme {
	return SecurityScheme{Type: "apiKey", In: "cookie", Name: name, Description: "The access token, in the cookie login sets."}
}

// clientErrors is the response range of a route with a validator that
// states nothing (see primitives.DescribeValidator).
const clientErrors = "4XX"

// errorSchemaName is the component of the reference's error envelope.
const errorSchemaName = "Error"

// Build describes routes (usually a Router's Routes()) as an OpenAPI 3.1
// document. It is meant to run once, when the service is mounted; an error
// is a programming error (a response type no schema describes).
func Build(routes []primitives.RouteInfo, o Options) (*Document, error) {
	b := &builder{
		doc: &Document{
			OpenAPI:    "3.1.0",
			Info:       Info{Title: cmp.Or(o.Title, "Blockyard API"), Version: cmp.Or(o.Version, "1.0.0"), Description: o.Description},
			Servers:    o.Servers,
			Paths:      Paths{},
			Components: &Components{Schemas: map[string]json.RawMessage{}},
		},
		names:     newNamer(),
		schemes:   o.SecuritySchemes,
		ids:       map[string]bool{},
		seenTags:  map[string]bool{},
		responses: map[reflect.Type]json.RawMessage{},
	}
	if b.schemes == nil {
		b.schemes = map[string]SecurityScheme{"bearerAuth": BearerAuth}
	}
	for _, ri := range routes {
		if err := b.route(ri); err != nil {
			return nil, err
		}
	}
	if err := b.components(); err != nil {
		return nil, err
	}
	if b.authenticates {
		b.doc.Components.SecuritySchemes = b.schemes
	}
	return b.doc, nil
}

type builder struct {
	doc           *Document
	names         *namer
	schemes       map[string]SecurityScheme
	ids           map[string]bool
	seenTags      map[string]bool
	responses     map[reflect.Type]json.RawMessage
	authenticates bool
	usesError     bool
}

// route adds one operation.
func (b *builder) route(ri primitives.RouteInfo) error {
	rt := ri.Route
	path := documentPath(ri.Path)
	item := b.doc.Paths[path]
	if item == nil {
		item = &PathItem{}
		b.doc.Paths[path] = item
	}
	slot := item.slot(ri.Method)
	if slot == nil {
		return fmt.Errorf("openapi: route %s %s: OpenAPI has no operation for method %s", ri.Method, ri.Path, ri.Method)
	}
	op := &Operation{
		OperationID: b.operationID(ri),
		Responses:   Responses{},
	}
	op.Summary, op.Description = summary(rt.Doc, ri.Name)
	if ri.Feature != "" {
		op.Tags = []string{ri.Feature}
		if !b.seenTags[ri.Feature] {
			b.seenTags[ri.Feature] = true
			b.doc.Tags = append(b.doc.Tags, Tag{Name: ri.Feature})
		}
	}
	params, err := parameters(ri.Path, rt.Schema)
	if err != nil {
		return fmt.Errorf("openapi: route %s %s: %w", ri.Method, ri.Path, err)
	}
	op.Parameters = params
	if op.RequestBody, err = requestBody(rt); err != nil {
		return fmt.Errorf("openapi: route %s %s: %w", ri.Method, ri.Path, err)
	}

	env := envelopeOf(rt.Envelope)
	if err := b.success(op, rt, env); err != nil {
		return fmt.Errorf("openapi: route %s %s: %w", ri.Method, ri.Path, err)
	}
	refusals, complete := b.refusals(rt, op)
	for _, a := range answers(ri, refusals) {
		b.failure(op, a, env)
	}
	if !complete {
		// A validator that states nothing (a plain func) may refuse with
		// any client error.
		b.failure(op, answer{key: clientErrors, why: []string{"a validator of this route that does not describe its refusals"}}, env)
	}
	*slot = op
	return nil
}

// operationID is the route's name, made unique.
func (b *builder) operationID(ri primitives.RouteInfo) string {
	id := ri.Name
	if id == "" {
		id = strings.ToLower(ri.Method) + identifier(ri.Path)
	}
	base := id
	for n := 2; b.ids[id]; n++ {
		id = base + strconv.Itoa(n)
	}
	b.ids[id] = true
	return id
}

// identifier turns a path into CamelCase words ("/a/{id}/b" → "ABByID"-ish).
func identifier(path string) string {
	var sb strings.Builder
	for seg := range strings.SplitSeq(path, "/") {
		seg = strings.Trim(seg, "{}")
		for w := range strings.FieldsFuncSeq(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			sb.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return sb.String()
}

// documentPath is the route's path as OpenAPI writes it: no trailing
// slash (the router treats it as optional).
func documentPath(p string) string {
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// summary splits a route's doc into its first sentence and the rest; a
// route without doc gets its name in words ("getOrganization" → "Get
// organization").
func summary(doc, name string) (string, string) {
	doc = strings.TrimSpace(doc)
	if doc == "" {
		return words(name), ""
	}
	if i := strings.Index(doc, ". "); i >= 0 {
		return doc[:i+1], strings.TrimSpace(doc[i+2:])
	}
	return doc, ""
}

// words splits a camelCase name into a sentence.
func words(name string) string {
	var sb strings.Builder
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) {
			sb.WriteByte(' ')
			r = unicode.ToLower(r)
		}
		if i == 0 {
			r = unicode.ToUpper(r)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// parameters lists the path wildcards (with their schemas when the route
// declares them) and the declared query parameters.
func parameters(path string, rs *schema.Request) ([]Parameter, error) {
	var out []Parameter
	declared := map[string]schema.Param{}
	if rs != nil {
		for _, p := range rs.Params {
			if p.In == schema.Path {
				declared[p.Name] = p
			}
		}
	}
	for seg := range strings.SplitSeq(path, "/") {
		if !strings.HasPrefix(seg, "{") || !strings.HasSuffix(seg, "}") {
			continue
		}
		name := seg[1 : len(seg)-1]
		s := json.RawMessage(`{"type":"string"}`)
		if p, ok := declared[name]; ok && p.Schema != nil {
			b, err := json.Marshal(p.Schema)
			if err != nil {
				return nil, fmt.Errorf("path parameter %s: %w", name, err)
			}
			s = b
		}
		out = append(out, Parameter{Name: name, In: "path", Required: true, Schema: s})
	}
	if rs == nil {
		return out, nil
	}
	for _, p := range rs.Params {
		if p.In != schema.Query {
			continue
		}
		s := json.RawMessage(`{}`)
		if p.Schema != nil {
			b, err := json.Marshal(p.Schema)
			if err != nil {
				return nil, fmt.Errorf("query parameter %s: %w", p.Name, err)
			}
			s = b
		}
		out = append(out, Parameter{Name: p.Name, In: "query", Required: p.Required, Schema: s})
	}
	return out, nil
}

// requestBody is the body the route reads: the JSON one its schema
// checks, and the multipart/form-data one its handler reads (Route.Form).
func requestBody(rt primitives.Route) (*RequestBody, error) {
	content := map[string]MediaType{}
	if rt.Schema != nil && rt.Schema.Body != nil {
		body, err := json.Marshal(rt.Schema.Body)
		if err != nil {
			return nil, fmt.Errorf("body schema: %w", err)
		}
		content["application/json"] = MediaType{Schema: body}
	}
	if rt.Form != nil {
		form, err := json.Marshal(rt.Form)
		if err != nil {
			return nil, fmt.Errorf("form schema: %w", err)
		}
		content["multipart/form-data"] = MediaType{Schema: form}
	}
	if len(content) == 0 {
		return nil, nil
	}
	return &RequestBody{Required: true, Content: content}, nil
}

// success documents the answer the route's terminator writes on success.
func (b *builder) success(op *Operation, rt primitives.Route, env envelopeSchemas) error {
	switch t := rt.Handler.Terminator.(type) {
	case terminators.JSONTerminator:
		value, err := b.response(rt.Handler.Response)
		if err != nil {
			return err
		}
		op.Responses[strconv.Itoa(t.Status)] = &Response{
			Description: http.StatusText(t.Status),
			Content:     map[string]MediaType{"application/json": {Schema: env.success(t.Status, value)}},
		}
	case terminators.EmptyTerminator:
		op.Responses[strconv.Itoa(t.Status)] = &Response{Description: http.StatusText(t.Status) + " (no body)"}
	default:
		// A HandlerFunc or a terminator of its own states nothing: any
		// answer is possible.
		op.Responses["default"] = &Response{
			Description: "The handler writes its own answer; its statuses and bodies are not documented.",
		}
	}
	return nil
}

// response is the schema of a handler's value, derived once per type.
func (b *builder) response(t reflect.Type) (json.RawMessage, error) {
	if t == nil {
		return json.RawMessage(`{}`), nil
	}
	if s, ok := b.responses[t]; ok {
		return s, nil
	}
	named := t
	if named.Kind() == reflect.Pointer {
		named = named.Elem() // a handler answers a value, not null
	}
	if ref := b.names.ref(named); ref != "" {
		s := json.RawMessage(`{"$ref":"` + ref + `"}`)
		b.responses[t] = s
		return s, nil
	}
	s, err := derive(t, b.names.ref)
	if err != nil {
		return nil, fmt.Errorf("response type %v: %w", t, err)
	}
	b.responses[t] = s
	return s, nil
}

// components derives the schemas of the named types the responses refer
// to, and of the types those refer to, until none is left.
func (b *builder) components() error {
	for len(b.names.pending) > 0 {
		t := b.names.pending[0]
		b.names.pending = b.names.pending[1:]
		name := b.names.byType[t]
		s, err := derive(t, func(u reflect.Type) string {
			if u == t {
				return "" // the component itself is inlined at its own name
			}
			return b.names.ref(u)
		})
		if err != nil {
			return fmt.Errorf("openapi: schema of %v: %w", t, err)
		}
		b.doc.Components.Schemas[name] = s
	}
	if b.usesError {
		b.doc.Components.Schemas[errorSchemaName] = nodeblocksFailure
	}
	return nil
}

// answer is one error status a route can answer, with the messages known
// for it.
type answer struct {
	key      string // a range such as "4XX"; "" for status
	status   int
	messages []string
	why      []string
}

// refusals collects what the route's validators declared, and marks the
// operation secured when one of them authenticates.
func (b *builder) refusals(rt primitives.Route, op *Operation) (primitives.Refusal, bool) {
	r, complete := primitives.JoinRefusals(rt.Validators...)
	if r.Authenticates {
		b.authenticates = true
		names := make([]string, 0, len(b.schemes))
		for n := range b.schemes {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			op.Security = append(op.Security, SecurityRequirement{n: {}})
		}
	}
	return r, complete
}

// answers lists every error status the route can answer: the body
// reader's, the path decoder's and the schema's, its validators', its
// error map's, the status errors it declares, and 500.
func answers(ri primitives.RouteInfo, refusals primitives.Refusal) []answer {
	by := map[int]*answer{}
	add := func(status int, message, why string) {
		a := by[status]
		if a == nil {
			a = &answer{status: status}
			by[status] = a
		}
		if message != "" && !slices.Contains(a.messages, message) {
			a.messages = append(a.messages, message)
		}
		if why != "" && !slices.Contains(a.why, why) {
			a.why = append(a.why, why)
		}
	}
	rt := ri.Route
	if takesBody(ri.Method) {
		add(http.StatusBadRequest, "", "malformed JSON body")
		add(http.StatusRequestEntityTooLarge, "request entity too large", "")
		add(http.StatusUnsupportedMediaType, "", "unsupported charset or content encoding")
		add(http.StatusRequestTimeout, "request timeout", "")
	}
	if strings.Contains(ri.Path, "{") {
		add(http.StatusBadRequest, "", "a path parameter that does not URL-decode")
	}
	if rt.Schema != nil {
		add(http.StatusBadRequest, "Validation Error", "")
	}
	for _, e := range refusals.Errors {
		add(statusOf(e), e.Message, "")
	}
	for _, es := range errorMapOf(rt.Handler.Terminator) {
		add(es.Status, es.Message, es.Kind.String())
	}
	for _, e := range rt.Errors {
		add(statusOf(e), e.Message, "")
	}
	add(http.StatusInternalServerError, "", "an unexpected failure")
	out := make([]answer, 0, len(by))
	for _, a := range by {
		out = append(out, *a)
	}
	slices.SortFunc(out, func(x, y answer) int { return x.status - y.status })
	return out
}

// statusOf is the status an error answers with, 500 when it carries none.
func statusOf(e *primitives.Error) int {
	if e == nil || e.Status == 0 {
		return http.StatusInternalServerError
	}
	return e.Status
}

// errorMapOf is the error map of the built-in terminators.
func errorMapOf(t primitives.Terminator) primitives.ErrorMap {
	switch t := t.(type) {
	case terminators.JSONTerminator:
		return t.Errors
	case terminators.EmptyTerminator:
		return t.Errors
	}
	return nil
}

// failure documents one error status.
func (b *builder) failure(op *Operation, a answer, env envelopeSchemas) {
	key := a.key
	if key == "" {
		key = strconv.Itoa(a.status)
	}
	if _, ok := op.Responses[key]; ok {
		return // the success status wins (a route may map a kind to it)
	}
	desc := http.StatusText(a.status)
	if a.key == clientErrors {
		desc = "Client error"
	}
	if len(a.messages) > 0 {
		desc += ": " + strings.Join(quoteAll(a.messages), ", ")
	}
	if len(a.why) > 0 {
		desc += " (" + strings.Join(a.why, "; ") + ")"
	}
	s := env.failure
	if env.nodeblocks {
		b.usesError = true
		s = json.RawMessage(`{"$ref":"#/components/schemas/` + errorSchemaName + `"}`)
	}
	op.Responses[key] = &Response{Description: desc, Content: map[string]MediaType{"application/json": {Schema: s}}}
}

func quoteAll(ms []string) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = strconv.Quote(m)
	}
	return out
}

// takesBody reports whether the router hands a body on for method (it
// reads, and may refuse, one on any method; see primitives.Router).
func takesBody(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

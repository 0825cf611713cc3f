package openapi

import "encoding/json"

// Document is an OpenAPI 3.1 document, with the objects Blockyard fills.
// It marshals to the JSON that /openapi.json serves; schemas are kept as
// JSON text (json.RawMessage), as the schema builders and Derive wrote
// them.
type Document struct {
	OpenAPI           string      `json:"openapi"`
	Info              Info        `json:"info"`
	JSONSchemaDialect string      `json:"jsonSchemaDialect,omitempty"`
	Servers           []Server    `json:"servers,omitempty"`
	Paths             Paths       `json:"paths"`
	Components        *Components `json:"components,omitempty"`
	Tags              []Tag       `json:"tags,omitempty"`
}

// Info is the document's title and version.
type Info struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description,omitempty"`
}

// Server is one base URL of the API, such as the mount prefix "/api".
type Server struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Tag names a group of operations: one per feature.
type Tag struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Paths maps a path template ("/organizations/{organizationId}") to its
// operations. It marshals with its paths sorted, so the document is stable.
type Paths map[string]*PathItem

// PathItem holds the operations of one path, by method.
type PathItem struct {
	Get     *Operation `json:"get,omitempty"`
	Put     *Operation `json:"put,omitempty"`
	Post    *Operation `json:"post,omitempty"`
	Delete  *Operation `json:"delete,omitempty"`
	Options *Operation `json:"options,omitempty"`
	Head    *Operation `json:"head,omitempty"`
	Patch   *Operation `json:"patch,omitempty"`
	Trace   *Operation `json:"trace,omitempty"`
}

// Operation is one route.
type Operation struct {
	OperationID string                `json:"operationId,omitempty"`
	Tags        []string              `json:"tags,omitempty"`
	Summary     string                `json:"summary,omitempty"`
	Description string                `json:"description,omitempty"`
	Parameters  []Parameter           `json:"parameters,omitempty"`
	RequestBody *RequestBody          `json:"requestBody,omitempty"`
	Responses   Responses             `json:"responses"`
	Security    []SecurityRequirement `json:"security,omitempty"`
}

// Parameter is a path or query parameter.
type Parameter struct {
	Name        string          `json:"name"`
	In          string          `json:"in"`
	Description string          `json:"description,omitempty"`
	Required    bool            `json:"required,omitempty"`
	Schema      json.RawMessage `json:"schema,omitempty"`
}

// RequestBody is the body an operation reads.
type RequestBody struct {
	Description string               `json:"description,omitempty"`
	Required    bool                 `json:"required,omitempty"`
	Content     map[string]MediaType `json:"content"`
}

// MediaType is the schema of one content type.
type MediaType struct {
	Schema json.RawMessage `json:"schema,omitempty"`
}

// Responses maps a status ("200", "404", or "default") to its response.
type Responses map[string]*Response

// Response is one documented answer. An answer without a body (204) has no
// Content.
type Response struct {
	Description string               `json:"description"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// SecurityRequirement names the schemes an operation accepts (any one of
// the requirements listed).
type SecurityRequirement map[string][]string

// Components holds the reusable schemas and the security schemes.
type Components struct {
	Schemas         map[string]json.RawMessage `json:"schemas,omitempty"`
	SecuritySchemes map[string]SecurityScheme  `json:"securitySchemes,omitempty"`
}

// SecurityScheme is how a client authenticates: an HTTP bearer token or an
// API key in a cookie.
type SecurityScheme struct {
	Type         string `json:"type"`
	Description  string `json:"description,omitempty"`
	Scheme       string `json:"scheme,omitempty"`
	BearerFormat string `json:"bearerFormat,omitempty"`
	Name         string `json:"name,omitempty"`
	In           string `json:"in,omitempty"`
}

// operation returns the operation of method in the item, creating the
// item's slot; nil for a method OpenAPI has no slot for.
func (p *PathItem) slot(method string) **Operation {
	switch method {
	case "GET":
		return &p.Get
	case "PUT":
		return &p.Put
	case "POST":
		return &p.Post
	case "DELETE":
		return &p.Delete
	case "OPTIONS":
		return &p.Options
	case "HEAD":
		return &p.Head
	case "PATCH":
		return &p.Patch
	case "TRACE":
		return &p.Trace
	}
	return nil
}

// Operation returns the operation of method at path, or nil.
func (d *Document) Operation(method, path string) *Operation {
	item := d.Paths[path]
	if item == nil {
		return nil
	}
	s := item.slot(method)
	if s == nil {
		return nil
	}
	return *s
}

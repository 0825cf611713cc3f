package tenancy

import (
	"encoding/json"
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// Routes lists the routes every tenant serves, in matching order, relative
// to where Handler is mounted, as an API document (package openapi) should
// describe them behind the resolver: each route also lists the resolver's
// answers (400 no tenant named, 403 tenant mismatch, 404 unknown tenant,
// 503 registry or tenant database unavailable), and its error bodies are
// either its own envelope's or the resolver's MultiCRM one. No tenant is
// mounted to list them. Feature is the name of the Options.Features entry
// a route came with. The routes describe; the tenants serve their own.
func (t *Tenancy) Routes() []primitives.RouteInfo {
	resolver := []*primitives.Error{
		t.missing, ErrTenantMismatch,
		primitives.StatusError(http.StatusNotFound, ErrNotFound.Message),
		primitives.StatusError(http.StatusServiceUnavailable, ErrUnavailable.Message),
	}
	var out []primitives.RouteInfo
	for _, m := range t.o.Features {
		f := m.Bundle()
		for _, rt := range f.Routes {
			rt.Envelope = behindResolver{rt.Envelope}
			rt.Errors = append(append([]*primitives.Error(nil), rt.Errors...), resolver...)
			out = append(out, primitives.RouteInfo{Name: rt.Name, Method: rt.Method, Path: rt.Path, Feature: f.Name, Route: rt})
		}
	}
	return out
}

// describedEnvelope is package openapi's DescribedEnvelope, which this
// package does not import.
type describedEnvelope interface {
	SuccessSchema(status int, value json.RawMessage) json.RawMessage
	FailureSchema() json.RawMessage
}

// nodeblocksFailure is the reference's error body, {"error":{"message",
// "data"}}, as package openapi documents it.
var nodeblocksFailure = json.RawMessage(`{"type":"object","properties":{"error":{"type":"object","properties":{"message":{"type":"string"},"data":{}},"required":["message"],"additionalProperties":false}},"required":["error"],"additionalProperties":false}`)

// behindResolver is the envelope a tenant route is documented with: its
// own for successes, and for errors its own or the resolver's (the
// resolver answers before the route runs). It answers as the route's own.
type behindResolver struct{ own primitives.Envelope }

func (e behindResolver) envelope() primitives.Envelope {
	if e.own == nil {
		return primitives.NodeblocksEnvelope{}
	}
	return e.own
}

func (e behindResolver) Success(status int, v any) any     { return e.envelope().Success(status, v) }
func (e behindResolver) Failure(err *primitives.Error) any { return e.envelope().Failure(err) }

// SuccessSchema is the route's own envelope's: the value itself for the
// reference's, anything for an envelope that does not describe itself.
func (e behindResolver) SuccessSchema(status int, value json.RawMessage) json.RawMessage {
	switch own := e.own.(type) {
	case nil, primitives.NodeblocksEnvelope, *primitives.NodeblocksEnvelope:
		return value
	case describedEnvelope:
		return own.SuccessSchema(status, value)
	case primitives.EnvelopeFuncs:
		if own.SuccessFunc == nil {
			return value
		}
	}
	return json.RawMessage(`{}`)
}

// FailureSchema is either the route's own error body or the resolver's.
func (e behindResolver) FailureSchema() json.RawMessage {
	own := json.RawMessage(`{}`)
	switch o := e.own.(type) {
	case nil, primitives.NodeblocksEnvelope, *primitives.NodeblocksEnvelope:
		own = nodeblocksFailure
	case describedEnvelope:
		own = o.FailureSchema()
	case primitives.EnvelopeFuncs:
		if o.FailureFunc == nil {
			own = nodeblocksFailure
		}
	}
	return json.RawMessage(`{"anyOf":[` + string(own) + `,` + string(multiCRMFailure) + `]}`)
}

package primitives

import (
	"context"

	"github.com/blockyard/blockyard/primitives/schema"
)

// Setup prepares what a feature needs in the service's dependencies, such
// as the indexes its queries use. It runs once when the feature is mounted
// and must be idempotent.
type Setup func(ctx context.Context, s *Service) error

// Feature bundles routes with their schemas and setup so that a host app
// mounts a capability in one line.
type Feature struct {
	// Name identifies the feature.
	Name string
	// Routes are registered in order; the first matching route wins.
	Routes []Route
	// Setup runs once at mount time.
	Setup []Setup
}

// Mountable is anything a Service can mount: a Route or a Feature.
type Mountable interface {
	Bundle() Feature
}

// Bundle returns f itself.
func (f Feature) Bundle() Feature { return f }

// NewFeature bundles a route with the schema that validates it, the way the
// reference composes a schema with a route. The schema runs after the
// route's validators; with declared Params, undeclared query parameters are
// refused (see schema.Request).
func NewFeature(s schema.Request, rt Route, setup ...Setup) Feature {
	return Feature{Name: rt.Name, Routes: []Route{rt.WithSchema(s)}, Setup: setup}
}

// Join bundles several mountables into one feature (for example every
// organization feature).
func Join(name string, parts ...Mountable) Feature {
	f := Feature{Name: name}
	for _, p := range parts {
		b := p.Bundle()
		f.Routes = append(f.Routes, b.Routes...)
		f.Setup = append(f.Setup, b.Setup...)
	}
	return f
}

package primitives

import "context"

// Setup prepares what routes need in the service's dependencies, such as
// the indexes their queries use. Declare each as a package-level variable
// and list it in every route or feature that needs it: Mount runs each
// distinct *Setup (compared by pointer) once, however many of the mounted
// routes and features list it. Run must be idempotent, since every Mount
// (and every process) runs it again.
//
//	var OrderIndexes = primitives.NewSetup("order indexes", func(ctx context.Context, s *primitives.Service) error {
//		_, err := s.Collection("orders").Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "id", Value: 1}}})
//		return err
//	})
type Setup struct {
	// Name says what the setup prepares, for Mount's errors.
	Name string
	// Run prepares it.
	Run func(ctx context.Context, s *Service) error
}

// NewSetup returns a Setup named name that runs run.
func NewSetup(name string, run func(ctx context.Context, s *Service) error) *Setup {
	return &Setup{Name: name, Run: run}
}

// Feature is a named group of routes (each carrying its schema and setup),
// plus setups of its own, so that a host app mounts a capability in one
// line.
type Feature struct {
	// Name identifies the feature.
	Name string
	// Routes are registered in order; the first matching route wins.
	Routes []Route
	// Setup runs at mount time, each distinct *Setup once per Mount.
	Setup []*Setup
	// Envelope shapes the answers of the feature's routes that have none
	// of their own (see Envelope); nil means the reference's.
	Envelope Envelope
}

// Mountable is anything a Service can mount: a Route or a Feature.
type Mountable interface {
	Bundle() Feature
}

// Bundle returns f with its envelope written into its routes that have
// none, so that the routes keep it when bundled into another feature.
func (f Feature) Bundle() Feature {
	if f.Envelope == nil {
		return f
	}
	routes := make([]Route, len(f.Routes))
	for i, rt := range f.Routes {
		if rt.Envelope == nil {
			rt.Envelope = f.Envelope
		}
		routes[i] = rt
	}
	f.Routes = routes
	return f
}

// Join bundles several mountables into one feature (for example every
// feature of one domain). Each part's routes keep their part's envelope.
func Join(name string, parts ...Mountable) Feature {
	f := Feature{Name: name}
	for _, p := range parts {
		b := p.Bundle()
		f.Routes = append(f.Routes, b.Routes...)
		f.Setup = append(f.Setup, b.Setup...)
	}
	return f
}

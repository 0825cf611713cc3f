package primitives

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Service holds the dependencies every block needs and mounts features as
// an http.Handler. Fill the fields, then call Mount; the zero values of
// Clock, NewID, Logger, Collections and Config mean the defaults, which
// Mount writes into the Service (before Mount, read Collections.Defaults()
// and Config.Defaults()). A nil Auth means the reference's tokens: the
// features' setups install blocks.TokenAuthenticator, and package
// validators falls back to it.
//
//	svc := &primitives.Service{DB: db, Config: cfg, Files: store, Auth: auth}
//	h, err := svc.Mount(ctx, features.Organizations())
//	mux.Handle("/api/", http.StripPrefix("/api", h))
type Service struct {
	// DB is the MongoDB database (a Node service may share it).
	DB *mongo.Database
	// Collections names the collections; empty names take the reference's.
	Collections Collections
	// Config is the service configuration; see Config.Defaults.
	Config Config
	// Files stores logos, certificates and avatars.
	Files files.Storage
	// Auth authenticates requests (see Authenticate); nil means the
	// reference's tokens (see the type's doc).
	Auth Authenticator
	// Logger receives one line per request and, at debug level, one per
	// traced block. Secrets are redacted. Defaults to slog.Default().
	Logger *slog.Logger
	// Clock tells the time; tests inject a fixed one. Defaults to time.Now.
	Clock func() time.Time
	// NewID makes document ids; defaults to random UUID v4 strings.
	NewID func() string

	colls map[string]*mongo.Collection
}

// Collections names the MongoDB collections; the zero value means the
// reference's names.
type Collections struct {
	Identities, RefreshTokens, OneTimeTokens, Organizations,
	OrganizationChangeRequests, Profiles string
}

// Defaults returns c with empty names replaced by the reference's.
func (c Collections) Defaults() Collections {
	c.Identities = orString(c.Identities, "identities")
	c.RefreshTokens = orString(c.RefreshTokens, "refreshtokens")
	c.OneTimeTokens = orString(c.OneTimeTokens, "onetimetokens")
	c.Organizations = orString(c.Organizations, "organizations")
	c.OrganizationChangeRequests = orString(c.OrganizationChangeRequests, "organizationChangeRequests")
	c.Profiles = orString(c.Profiles, "profiles")
	return c
}

// Now returns the service's current time.
func (s *Service) Now() time.Time {
	if s.Clock == nil {
		return time.Now()
	}
	return s.Clock()
}

// ID returns a new document id.
func (s *Service) ID() string {
	if s.NewID == nil {
		return uuid.NewString()
	}
	return s.NewID()
}

// Identities is the identities collection.
func (s *Service) Identities() *mongo.Collection { return s.named(s.Collections.Defaults().Identities) }

// RefreshTokens is the refreshtokens collection.
func (s *Service) RefreshTokens() *mongo.Collection {
	return s.named(s.Collections.Defaults().RefreshTokens)
}

// OneTimeTokens is the onetimetokens collection.
func (s *Service) OneTimeTokens() *mongo.Collection {
	return s.named(s.Collections.Defaults().OneTimeTokens)
}

// Organizations is the organizations collection.
func (s *Service) Organizations() *mongo.Collection {
	return s.named(s.Collections.Defaults().Organizations)
}

// OrganizationChangeRequests is the organizationChangeRequests collection.
func (s *Service) OrganizationChangeRequests() *mongo.Collection {
	return s.named(s.Collections.Defaults().OrganizationChangeRequests)
}

// Profiles is the profiles collection.
func (s *Service) Profiles() *mongo.Collection { return s.named(s.Collections.Defaults().Profiles) }

// named returns the handle built at Mount for one of the Collections, or a
// new one before Mount.
func (s *Service) named(name string) *mongo.Collection {
	if c, ok := s.colls[name]; ok {
		return c
	}
	return s.DB.Collection(name)
}

// Collection returns the named collection of DB, for a host app's own
// collections; the library's have typed accessors (Organizations, ...).
// Collections named in Collections are built once at Mount; others are
// built on each call.
func (s *Service) Collection(name string) *mongo.Collection {
	if c, ok := s.colls[name]; ok {
		return c
	}
	return s.DB.Collection(name)
}

// init fills defaults once; Mount may be called several times.
func (s *Service) init() {
	if s.colls != nil {
		return
	}
	s.Collections = s.Collections.Defaults()
	s.Config = s.Config.Defaults()
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if _, ok := s.Logger.Handler().(*RedactingHandler); !ok {
		s.Logger = slog.New(NewRedactingHandler(s.Logger.Handler()))
	}
	s.colls = map[string]*mongo.Collection{}
	if s.DB != nil {
		c := s.Collections
		for _, n := range []string{c.Identities, c.RefreshTokens, c.OneTimeTokens, c.Organizations, c.OrganizationChangeRequests, c.Profiles} {
			s.colls[n] = s.DB.Collection(n)
		}
	}
}

// Mount compiles the routes of parts into an http.Handler: it checks the
// paths, compiles every schema once and runs every Setup (index creation)
// once. Mount the handler under any prefix of any mux with http.StripPrefix.
//
// Routes match in registration order, the first match winning; a request
// that matches no route gets a 404 JSON envelope.
func (s *Service) Mount(ctx context.Context, parts ...Mountable) (*Router, error) {
	s.init()
	rt := &Router{service: s}
	seen := map[string]bool{}
	ran := map[*Setup]bool{}
	setup := func(owner string, setups []*Setup) error {
		for _, st := range setups {
			if st == nil || ran[st] {
				continue
			}
			ran[st] = true
			if err := st.Run(ctx, s); err != nil {
				return fmt.Errorf("blockyard: setting up %s (%s): %w", owner, st.Name, err)
			}
		}
		return nil
	}
	for _, p := range parts {
		f := p.Bundle()
		if err := setup(f.Name, f.Setup); err != nil {
			return nil, err
		}
		for i := range f.Routes {
			if err := setup(f.Routes[i].Name, f.Routes[i].Setup); err != nil {
				return nil, err
			}
			m, err := compileRoute(f.Routes[i])
			if err != nil {
				return nil, err
			}
			if key := m.Method + " " + m.pattern.shape(); seen[key] {
				return nil, fmt.Errorf("blockyard: route %s %s is mounted twice (the second could never answer)", m.Method, m.Path)
			} else {
				seen[key] = true
			}
			rt.routes = append(rt.routes, m)
		}
	}
	return rt, nil
}

// MustMount is Mount for program start-up: it panics on error.
func (s *Service) MustMount(ctx context.Context, parts ...Mountable) *Router {
	h, err := s.Mount(ctx, parts...)
	if err != nil {
		panic(err)
	}
	return h
}

type mountedRoute struct {
	Route
	pattern pattern
	schema  *schema.Validator
}

func compileRoute(r Route) (*mountedRoute, error) {
	if r.Method == "" || r.Handler == nil {
		return nil, fmt.Errorf("blockyard: route %s %q needs a method and a handler", r.Method, r.Path)
	}
	pt, err := compilePattern(r.Path)
	if err != nil {
		return nil, fmt.Errorf("blockyard: %w", err)
	}
	m := &mountedRoute{Route: r, pattern: pt}
	if r.Schema != nil {
		for _, p := range r.Schema.Params {
			if p.In == schema.Path && !pt.has(p.Name) {
				// Always absent, so every request would be a 400.
				return nil, fmt.Errorf("blockyard: schema of %s %s declares path parameter %q, which the path has no wildcard for", r.Method, r.Path, p.Name)
			}
		}
		v, err := schema.Compile(*r.Schema)
		if err != nil {
			return nil, fmt.Errorf("blockyard: schema of %s %s: %w", r.Method, r.Path, err)
		}
		m.schema = v
	}
	return m, nil
}

var _ http.Handler = (*Router)(nil)

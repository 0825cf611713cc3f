package primitives

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blockyard/blockyard/primitives/files"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Service holds the dependencies every block needs and mounts features as
// an http.Handler. Fill the fields, then call Mount; the zero values of
// Clock, NewID, Logger and Config mean the defaults, which Mount writes
// into the Service (before Mount, read Config.Defaults()). A domain's own
// configuration (collection names, secrets, permitted values...) goes in
// Settings, one value per domain, read back by the domain's Setting.
//
//	svc := &primitives.Service{DB: db, Files: store, Settings: []any{greetings.Config{Collection: "hellos"}}}
//	h, err := svc.Mount(ctx, greetings.Feature())
//	mux.Handle("/api/", http.StripPrefix("/api", h))
type Service struct {
	// DB is the MongoDB database (a Node service may share it).
	DB *mongo.Database
	// Config is the machinery's configuration; see Config.Defaults.
	Config Config
	// Settings holds the configuration of each domain mounted on the
	// service: at most one value of each domain's configuration type, as
	// declared by the domain's Setting (see NewSetting). A domain without
	// a value runs with its defaults. Mount fails on a value no Setting
	// declares.
	Settings []any
	// Files stores the files that clients upload.
	Files files.Storage
	// Auth authenticates requests (see Authenticate). Nil leaves the
	// choice to each domain: Authenticate answers 500, and a domain's
	// validators may fall back to a default of their own (the built-in
	// ones use their access tokens, so that a route guarded by them works
	// whatever was mounted). Mount never fills it.
	Auth Authenticator
	// Logger receives one line per request and, at debug level, one per
	// traced block. Secrets are redacted. Defaults to slog.Default().
	Logger *slog.Logger
	// Clock tells the time; tests inject a fixed one. Defaults to time.Now.
	Clock func() time.Time
	// NewID makes document ids; defaults to random UUID v4 strings.
	NewID func() string

	mounted  bool
	settings []any // by Setting id, computed at the first Mount
	// requestLog writes the request lines: Logger's handler without the
	// redaction, since a request line's attributes are fixed (method,
	// path, status, duration, request id, route) and none names a secret;
	// the redaction's scan of every key was a fifth of the line's cost.
	requestLog *slog.Logger

	collMu sync.Mutex
	colls  atomic.Pointer[map[string]*mongo.Collection]
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

// Collection returns the named collection of DB. Handles are built once
// per name and shared (a *mongo.Collection is safe for concurrent use), so
// a domain's accessors can call it on every request for the price of a
// map lookup; a domain keeps its collection names in its Setting.
func (s *Service) Collection(name string) *mongo.Collection {
	if m := s.colls.Load(); m != nil {
		if c, ok := (*m)[name]; ok {
			return c
		}
	}
	s.collMu.Lock()
	defer s.collMu.Unlock()
	old := s.colls.Load()
	if old != nil {
		if c, ok := (*old)[name]; ok {
			return c
		}
	}
	// Copy on write: readers never take the lock.
	m := make(map[string]*mongo.Collection, 1)
	if old != nil {
		maps.Copy(m, *old)
	}
	c := s.DB.Collection(name)
	m[name] = c
	s.colls.Store(&m)
	return c
}

// init fills defaults and resolves the Settings once; Mount may be called
// several times.
func (s *Service) init() error {
	if s.mounted {
		return nil
	}
	settings, err := resolveSettings(s.Settings)
	if err != nil {
		return err
	}
	s.settings = settings
	s.Config = s.Config.Defaults()
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if rh, ok := s.Logger.Handler().(*RedactingHandler); ok {
		s.requestLog = slog.New(rh.next)
	} else {
		s.requestLog = s.Logger
		s.Logger = slog.New(NewRedactingHandler(s.Logger.Handler()))
	}
	s.mounted = true
	return nil
}

// Mount compiles the routes of parts into an http.Handler: it checks the
// paths, compiles every schema once and runs every Setup (index creation)
// once. Mount the handler under any prefix of any mux with http.StripPrefix.
//
// Routes match in registration order, the first match winning; a request
// that matches no route gets a 404 JSON envelope.
func (s *Service) Mount(ctx context.Context, parts ...Mountable) (*Router, error) {
	if err := s.init(); err != nil {
		return nil, err
	}
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
			m.feature = f.Name
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
	feature string // the name of the Mountable it came with
	pattern pattern
	schema  *schema.Validator
}

func compileRoute(r Route) (*mountedRoute, error) {
	if r.Method == "" || r.Handler.IsZero() {
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

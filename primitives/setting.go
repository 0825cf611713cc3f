package primitives

import (
	"fmt"
	"sync"
)

// Setting is a typed configuration slot of one Service, declared once by a
// domain package (a set of blocks, validators and routes that share
// collections and options) so that the machinery needs to know nothing of
// the domain: the package defines its configuration type T, declares
//
//	// Settings is the greetings domain's configuration of a Service.
//	var Settings = primitives.NewSetting("greetings", func(c Config) Config {
//		if c.Collection == "" {
//			c.Collection = "greetings"
//		}
//		return c
//	})
//
// and its blocks and routes read Settings.Of(r.Service). A host app
// configures the domain by putting a value of type T in Service.Settings:
//
//	svc := &primitives.Service{DB: db, Settings: []any{greetings.Config{Collection: "hellos"}}}
//
// A service without a value of type T gets defaults(T{}): a domain's zero
// configuration is usable. The built-in domain is configured this way too
// (package nodeblocks).
type Setting[T any] struct {
	name     string
	id       int
	defaults func(T) T
}

// setting is what Mount sees of a Setting[T] without knowing T.
type setting interface {
	// accepts reports whether v is the setting's configuration type.
	accepts(v any) bool
	// resolve returns the defaulted configuration found in values.
	resolve(values []any) any
	label() string
}

// settingsRegistry holds every Setting declared in the program, indexed by
// id. Settings are declared as package variables, so the registry is
// complete before main runs.
var settingsRegistry struct {
	sync.Mutex
	all []setting
}

// NewSetting declares the configuration slot of a domain: name (the
// domain's name) appears in Mount errors; defaults fills the unset fields
// of a configured value (nil means none). It panics if another Setting
// already has the type T, since a Service.Settings value could not tell
// them apart; declare it once, as a package variable.
func NewSetting[T any](name string, defaults func(T) T) *Setting[T] {
	if defaults == nil {
		defaults = func(v T) T { return v }
	}
	reg := &settingsRegistry
	reg.Lock()
	defer reg.Unlock()
	var zero T
	for _, o := range reg.all {
		if o.accepts(zero) {
			panic(fmt.Sprintf("blockyard: NewSetting(%q): setting %s already has the type %T", name, o.label(), zero))
		}
	}
	s := &Setting[T]{name: name, id: len(reg.all), defaults: defaults}
	reg.all = append(reg.all, s)
	return s
}

// Name returns the name the setting was declared with.
func (s *Setting[T]) Name() string { return s.name }

// Of returns the configuration of svc: its Settings value of type T (or the
// zero T) with the defaults applied. After Mount it is read from a table
// built once, so it is cheap and safe for concurrent use on the request
// path; before Mount (a block test calling a domain's code directly) it is
// computed on each call.
func (s *Setting[T]) Of(svc *Service) T {
	if s.id < len(svc.settings) {
		if v, ok := svc.settings[s.id].(T); ok {
			return v
		}
	}
	return s.resolve(svc.Settings).(T)
}

func (s *Setting[T]) accepts(v any) bool {
	_, ok := v.(T)
	return ok
}

func (s *Setting[T]) resolve(values []any) any {
	var v T
	for _, x := range values {
		if t, ok := x.(T); ok {
			v = t
			break
		}
	}
	return s.defaults(v)
}

func (s *Setting[T]) label() string { return fmt.Sprintf("%q", s.name) }

// resolveSettings checks Service.Settings against the declared settings
// and computes every setting's value once: each value must be of the type
// of exactly one Setting (a pointer to the type, or a type no Setting
// declares, is a mistake that would otherwise silently leave the defaults),
// and no type may appear twice.
func resolveSettings(values []any) ([]any, error) {
	reg := &settingsRegistry
	reg.Lock()
	all := reg.all
	reg.Unlock()
	owner := make([]int, len(values))
	for i, v := range values {
		owner[i] = -1
		for id, st := range all {
			if st.accepts(v) {
				owner[i] = id
				break
			}
		}
		if owner[i] < 0 {
			return nil, fmt.Errorf("blockyard: Service.Settings[%d] is a %T, which no primitives.Setting declares (pass a domain's configuration value, not a pointer to it)", i, v)
		}
		for j := range i {
			if owner[j] == owner[i] {
				return nil, fmt.Errorf("blockyard: Service.Settings[%d] and [%d] are both %T configurations of setting %s", j, i, v, all[owner[i]].label())
			}
		}
	}
	out := make([]any, len(all))
	for id, st := range all {
		out[id] = st.resolve(values)
	}
	return out, nil
}

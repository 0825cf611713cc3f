package tenancy

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// TestTenantInValidatorsBlocksAndSetups: a tenant's validators and
// handlers read the resolved tenant (From) and its service (ID, DB); its
// setups run with the tenant's service, database included.
func TestTenantInValidatorsBlocksAndSetups(t *testing.T) {
	var mu sync.Mutex
	setups := map[string]string{} // tenant id → database the setup saw
	setup := primitives.NewSetup("record", func(_ context.Context, s *primitives.Service) error {
		mu.Lock()
		defer mu.Unlock()
		setups[ID(s)] = s.DB.Name()
		return nil
	})
	type answer struct {
		Validator string `json:"validator"`
		Name      string `json:"name"`
		Service   string `json:"service"`
		Database  string `json:"database"`
	}
	var seen string
	route := primitives.Route{
		Name:   "whoami",
		Method: http.MethodGet,
		Path:   "/whoami",
		Validators: []primitives.Validator{func(r *primitives.Request) error {
			tn, ok := From(r)
			if !ok {
				return primitives.StatusError(http.StatusInternalServerError, "no tenant")
			}
			seen = tn.ID
			return nil
		}},
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[answer] {
			tn, _ := From(r)
			return mo.Ok(answer{Validator: seen, Name: tn.Name, Service: ID(r.Service), Database: r.Service.DB.Name()})
		}, terminators.JSON(http.StatusOK, nil)),
		Setup: []*primitives.Setup{setup},
	}
	e := newEnv(t, Options{Features: []primitives.Mountable{route}}, nil)
	a := e.createTenant(t, "Acme", "acme.example")
	b := e.createTenant(t, "Globex", "globex.example")
	for _, tn := range []Tenant{a, b} {
		var got answer
		e.tenant(tn.ID).Get("/api/tenant/whoami").ExpectStatus(t, http.StatusOK).JSON(t, &got)
		want := answer{Validator: tn.ID, Name: tn.Name, Service: tn.ID, Database: e.T.DatabaseName(tn.ID)}
		if got != want {
			t.Errorf("%s: %+v, want %+v", tn.Name, got, want)
		}
		if setups[tn.ID] != want.Database {
			t.Errorf("%s's setup ran on %q", tn.Name, setups[tn.ID])
		}
	}
	if ID(e.Service) != "" {
		t.Errorf("the template belongs to tenant %q", ID(e.Service))
	}
}

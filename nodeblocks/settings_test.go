package nodeblocks_test

import (
	"context"
	"testing"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestConfigNamesToValues(t *testing.T) {
	c := nodeblocks.Config{OrganizationRoles: nodeblocks.OrganizationRoles{Owner: "OWNER"}}.Defaults()
	if c.OrganizationRoles.Value("owner") != "OWNER" || c.OrganizationRoles.Value("member") != "member" || c.OrganizationRoles.Value("boss") != "" {
		t.Errorf("roles %+v", c.OrganizationRoles)
	}
	if c.IdentityTypes.ID("admin") != "100" || c.IdentityTypes.ID("regular") != "001" || c.IdentityTypes.ID("100") != "" {
		t.Errorf("types %+v", c.IdentityTypes)
	}
}

func TestSettingsOfAnUnconfiguredServiceAreTheDefaults(t *testing.T) {
	got := nodeblocks.Settings.Of(&primitives.Service{})
	if got != (nodeblocks.Config{}).Defaults() || got.AuthMode != nodeblocks.AuthBearer || got.Collections.Organizations != "organizations" {
		t.Errorf("defaults %+v", got)
	}
}

func TestTypedCollectionsBeforeAndAfterMount(t *testing.T) {
	svc := &primitives.Service{DB: blockyardtest.Database(t), Settings: []any{
		nodeblocks.Config{Collections: nodeblocks.Collections{Organizations: "orgs"}},
	}}
	check := func(when string) {
		if got := nodeblocks.Organizations(svc).Name(); got != "orgs" {
			t.Errorf("%s: Organizations() = %q, want orgs", when, got)
		}
		if got := nodeblocks.Profiles(svc).Name(); got != "profiles" {
			t.Errorf("%s: Profiles() = %q, want the reference's profiles", when, got)
		}
	}
	check("before Mount")
	if _, err := svc.Mount(context.Background()); err != nil {
		t.Fatal(err)
	}
	check("after Mount")
}

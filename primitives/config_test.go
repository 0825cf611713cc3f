package primitives_test

import (
	"testing"

	"github.com/blockyard/blockyard/primitives"
)

func TestConfigNamesToValues(t *testing.T) {
	c := primitives.Config{OrganizationRoles: primitives.OrganizationRoles{Owner: "OWNER"}}.Defaults()
	if c.OrganizationRoles.Value("owner") != "OWNER" || c.OrganizationRoles.Value("member") != "member" || c.OrganizationRoles.Value("boss") != "" {
		t.Errorf("roles %+v", c.OrganizationRoles)
	}
	if c.IdentityTypes.ID("admin") != "100" || c.IdentityTypes.ID("regular") != "001" || c.IdentityTypes.ID("100") != "" {
		t.Errorf("types %+v", c.IdentityTypes)
	}
}

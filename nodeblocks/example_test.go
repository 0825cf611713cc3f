package nodeblocks_test

import (
	"fmt"
	"log"

	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// A host app sets only what differs from the defaults; the domain's code
// reads the whole configuration, defaults applied, with Settings.Of, and
// its collections through the accessors.
func Example() {
	// Connecting does not dial: the example needs no server.
	client, err := mongo.Connect(options.Client().ApplyURI("mongodb://localhost:27017"))
	if err != nil {
		log.Fatal(err)
	}
	svc := &primitives.Service{
		DB: client.Database("app"),
		Settings: []any{nodeblocks.Config{
			Collections:       nodeblocks.Collections{Organizations: "companies"},
			OrganizationRoles: nodeblocks.OrganizationRoles{Owner: "proprietor"},
		}},
	}

	cfg := nodeblocks.Settings.Of(svc)
	fmt.Println(nodeblocks.Organizations(svc).Name(), nodeblocks.Profiles(svc).Name())
	fmt.Println(cfg.OrganizationRoles.Value("owner"), cfg.OrganizationRoles.Value("member"))
	fmt.Println(cfg.IdentityTypes.ID("admin"), cfg.AuthMode, cfg.AccessTokenLifetime)
	// Output:
	// companies profiles
	// proprietor member
	// 100 bearer 15m0s
}

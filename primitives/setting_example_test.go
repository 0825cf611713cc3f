package primitives_test

import (
	"fmt"

	"github.com/blockyard/blockyard/primitives"
)

// shopConfig is a host app's domain configuration.
type shopConfig struct {
	Currency string // default "EUR"
	Orders   string // collection name, default "orders"
}

// shopSettings is declared once, as a package variable of the domain.
var shopSettings = primitives.NewSetting("shop", func(c shopConfig) shopConfig {
	if c.Currency == "" {
		c.Currency = "EUR"
	}
	if c.Orders == "" {
		c.Orders = "orders"
	}
	return c
})

// A domain declares its configuration with NewSetting; a host sets it in
// Service.Settings, and the domain's code reads it with Of, defaults
// applied.
func ExampleNewSetting() {
	svc := &primitives.Service{Settings: []any{shopConfig{Currency: "JPY"}}}
	fmt.Printf("%+v\n", shopSettings.Of(svc))
	fmt.Printf("%+v\n", shopSettings.Of(&primitives.Service{}))
	// Output:
	// {Currency:JPY Orders:orders}
	// {Currency:EUR Orders:orders}
}

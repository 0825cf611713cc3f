package primitives_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// greetingConfig is a host app's own domain configuration, declared the way
// the built-in domain declares its own (package nodeblocks).
type greetingConfig struct {
	Collection string
	Greeting   string
}

var greetingSettings = primitives.NewSetting("greetings", func(c greetingConfig) greetingConfig {
	if c.Collection == "" {
		c.Collection = "greetings"
	}
	if c.Greeting == "" {
		c.Greeting = "Hello"
	}
	return c
})

// greetRoute stores and answers "<Greeting>, <name>" in the configured
// collection.
func greetRoute() primitives.Route {
	type greeting struct {
		Text string `json:"text" bson:"text"`
	}
	return primitives.Route{
		Name: "greet", Method: http.MethodPost, Path: "/greet/{id}",
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[greeting] {
			cfg := greetingSettings.Of(r.Service)
			g := greeting{Text: cfg.Greeting + ", " + r.PathValue("id")}
			if _, err := r.Service.Collection(cfg.Collection).InsertOne(r.Context(), g); err != nil {
				return mo.Err[greeting](err)
			}
			return mo.Ok(g)
		}, terminators.JSON(http.StatusOK, nil)),
	}
}

func TestSettingConfiguresAHostDomain(t *testing.T) {
	db := blockyardtest.Database(t)
	svc := &primitives.Service{DB: db, Settings: []any{greetingConfig{Greeting: "Hi"}}}
	if got := greetingSettings.Of(svc); got != (greetingConfig{Collection: "greetings", Greeting: "Hi"}) {
		t.Errorf("before Mount: %+v", got)
	}
	c := blockyardtest.NewClient(t, mount(t, svc, greetRoute()))
	if got := c.Post("/greet/ada", nil).ExpectStatus(t, http.StatusOK).Map()["text"]; got != "Hi, ada" {
		t.Errorf("answered %v", got)
	}
	if n, err := db.Collection("greetings").CountDocuments(t.Context(), bson.D{{Key: "text", Value: "Hi, ada"}}); err != nil || n != 1 {
		t.Errorf("stored %d, %v", n, err)
	}

	// No value: the defaults; another collection name: used as given.
	bare := &primitives.Service{DB: db, Settings: []any{greetingConfig{Collection: "hellos"}}}
	blockyardtest.NewClient(t, mount(t, bare, greetRoute())).Post("/greet/bob", nil).ExpectStatus(t, http.StatusOK)
	if n, _ := db.Collection("hellos").CountDocuments(t.Context(), bson.D{{Key: "text", Value: "Hello, bob"}}); n != 1 {
		t.Errorf("stored %d in hellos", n)
	}
	if got := greetingSettings.Of(&primitives.Service{}); got != (greetingConfig{Collection: "greetings", Greeting: "Hello"}) {
		t.Errorf("unconfigured: %+v", got)
	}
}

func TestSettingIsReadConcurrentlyAfterMount(t *testing.T) {
	svc := &primitives.Service{Settings: []any{greetingConfig{Greeting: "Hey"}}}
	mount(t, svc, echoRoute(http.MethodGet, "/x/{id}"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := greetingSettings.Of(svc).Greeting; got != "Hey" {
				t.Errorf("Greeting %q", got)
			}
		})
	}
	wg.Wait()
	if n := testing.AllocsPerRun(100, func() { _ = greetingSettings.Of(svc) }); n != 0 {
		t.Errorf("Of allocates %v times per call after Mount", n)
	}
}

func TestMountRefusesSettingsNoDomainDeclares(t *testing.T) {
	for name, c := range map[string]struct {
		settings []any
		want     string
	}{
		"pointer":    {[]any{&greetingConfig{}}, "*primitives_test.greetingConfig, which no primitives.Setting declares"},
		"undeclared": {[]any{"greetings"}, "Service.Settings[0] is a string"},
		"twice":      {[]any{greetingConfig{}, greetingConfig{Greeting: "Yo"}}, "Service.Settings[0] and [1] are both"},
	} {
		svc := &primitives.Service{Settings: c.settings}
		if _, err := svc.Mount(t.Context(), echoRoute(http.MethodGet, "/x/{id}")); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Mount error %v, want %q", name, err, c.want)
		}
	}
}

func TestNewSettingRefusesASecondSettingOfTheSameType(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), `setting "greetings" already has the type`) {
			t.Errorf("recovered %v", r)
		}
	}()
	primitives.NewSetting[greetingConfig]("again", nil)
}

func TestCollectionHandlesAreShared(t *testing.T) {
	svc := &primitives.Service{DB: blockyardtest.Database(t)}
	before := svc.Collection("things")
	if before.Name() != "things" || svc.Collection("things") != before {
		t.Errorf("Collection(things) built twice before Mount")
	}
	mount(t, svc, echoRoute(http.MethodGet, "/x/{id}"))
	if svc.Collection("things") != before || svc.Collection("other").Name() != "other" {
		t.Errorf("Collection handles changed at Mount")
	}
	if n := testing.AllocsPerRun(100, func() { _ = svc.Collection("things") }); n != 0 {
		t.Errorf("Collection allocates %v times per call once built", n)
	}
}

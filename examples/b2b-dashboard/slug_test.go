package main

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"github.com/blockyard/blockyard/store"
	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

func TestSlugify(t *testing.T) {
	for name, want := range map[string]string{
		"Acme":                 "acme",
		"Acme Corp":            "acme-corp",
		"  Acme \t\n Corp  ":   "acme-corp",
		"ÉCOLE Supérieure":     "école-supérieure",
		"already-a-slug":       "already-a-slug",
		"   ":                  "",
		"Acme  Corp  2":        "acme-corp-2",
		"Tab\tSeparated\u00a0": "tab-separated",
	} {
		if got := Slugify(name); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestPickSlug(t *testing.T) {
	for _, c := range []struct {
		taken []string
		want  string
	}{
		{nil, "acme"},
		{[]string{"acme"}, "acme-2"},
		{[]string{"acme", "acme-2"}, "acme-3"},
		{[]string{"acme", "acme-7"}, "acme-8"},
		{[]string{"acme-2"}, "acme"},                         // the base itself is free
		{[]string{"acme", "acme-corp", "acme-02"}, "acme-2"}, // not base-N
		{[]string{"acme", "acme-1", "acme-x"}, "acme-2"},     // -1 is never generated
		{[]string{"acme-corp", "acme-corp-2"}, "acme"},
	} {
		if got := PickSlug("acme", c.taken); got != c.want {
			t.Errorf("PickSlug(acme, %q) = %q, want %q", c.taken, got, c.want)
		}
	}
}

func TestCheckSlug(t *testing.T) {
	for slug, ok := range map[string]bool{"acme": true, "acme-2": true, "": false, "Acme": false, "a b": false, " acme": false} {
		if got := checkSlug(slug).IsOk(); got != ok {
			t.Errorf("checkSlug(%q) ok = %v, want %v", slug, got, ok)
		}
	}
}

// newService is a service on a fresh database, with the app's indexes.
func newService(t *testing.T) *primitives.Service {
	t.Helper()
	svc := &primitives.Service{DB: blockyardtest.Database(t), Logger: blockyardtest.Logger(t)}
	for _, s := range setup {
		if err := s.Run(t.Context(), svc); err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

func TestCreateOrganizationSlugs(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	coll := organizations(svc)
	ctx := t.Context()
	create := func(name, email string, slug *string) Organization {
		t.Helper()
		o, err := createOrganization(ctx, coll, OrganizationInput{Name: name, Email: email, Slug: slug}, time.Now(), svc.ID).Get()
		if err != nil {
			t.Fatalf("create %q: %v", name, err)
		}
		return o
	}
	for i, want := range []string{"acme", "acme-2", "acme-3"} {
		if got := create("  ACME ", fmt.Sprintf("a%d@example.com", i), nil).Slug; got != want {
			t.Errorf("slug %d = %q, want %q", i, got, want)
		}
	}
	chosen := "acme-corp"
	if got := create("Whatever", "w@example.com", &chosen).Slug; got != chosen {
		t.Errorf("chosen slug = %q", got)
	}
	if got := create("Acme Corp", "c@example.com", nil).Slug; got != "acme-corp-2" {
		t.Errorf("generated slug after a chosen one = %q, want acme-corp-2", got)
	}
	// A chosen slug that is taken, or an e-mail that is, is the store's
	// conflict naming it (the routes answer it as a duplicate).
	_, err := createOrganization(ctx, coll, OrganizationInput{Name: "X", Email: "x@example.com", Slug: &chosen}, time.Now(), svc.ID).Get()
	if c, ok := store.IsConflict(err); !ok || !slices.Equal(c.Fields, []string{"slug"}) {
		t.Errorf("taken chosen slug: %v, want a conflict on slug", err)
	}
	_, err = createOrganization(ctx, coll, OrganizationInput{Name: "Acme", Email: "a0@example.com"}, time.Now(), svc.ID).Get()
	if c, ok := store.IsConflict(err); !ok || !slices.Equal(c.Fields, []string{"email"}) {
		t.Errorf("taken e-mail: %v, want a conflict on email", err)
	}
	if _, err := createOrganization(ctx, coll, OrganizationInput{Name: " \t ", Email: "blank@example.com"}, time.Now(), svc.ID).Get(); err != errBlankName {
		t.Errorf("blank name: %v, want errBlankName", err)
	}
}

// TestConcurrentCreatesGetDistinctSlugs creates organizations of one name
// at once: each gets its own slug (acme, acme-2, ... acme-N), none fails.
func TestConcurrentCreatesGetDistinctSlugs(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	coll := organizations(svc)
	const n = 12
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = createOrganization(t.Context(), coll, OrganizationInput{Name: "Acme", Email: fmt.Sprintf("c%d@example.com", i)}, time.Now(), svc.ID).Get()
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("create %d: %v", i, err)
		}
	}
	var got []string
	if err := coll.Distinct(t.Context(), "slug", bson.D{}).Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"acme": true}
	for i := 2; i <= n; i++ {
		want[fmt.Sprintf("acme-%d", i)] = true
	}
	if len(got) != n {
		t.Fatalf("%d distinct slugs %q, want %d", len(got), got, n)
	}
	for _, s := range got {
		if !want[s] {
			t.Errorf("unexpected slug %q in %q", s, got)
		}
	}
}

package store_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
)

// TestFindAll: the whole list in the sort's order while it fits the
// limit, TooMany (not a list cut short) when more match, an empty array
// for none, and a limit outside 1..MaxFindAll refused as a programming
// error.
func TestFindAll(t *testing.T) {
	t.Parallel()
	c := seed(t)
	ctx := t.Context()

	got, err := store.FindAll(ctx, c, store.All[note](), store.OrderBy[note]("rank"), 5).Get()
	if want := []string{"n1", "n4", "n3", "n2", "n5"}; err != nil || !slices.Equal(titles(got), want) {
		t.Errorf("rank then id, limit 5: %v %v, want %v", titles(got), err, want)
	}
	got, err = store.FindAll(ctx, c, store.Eq[note]("status", status("done")), store.OrderBy[note]("-title"), 2).Get()
	if want := []string{"n4", "n2"}; err != nil || !slices.Equal(titles(got), want) {
		t.Errorf("filtered, descending: %v %v, want %v", titles(got), err, want)
	}
	got, err = store.FindAll(ctx, c, store.Eq[note]("status", status("gone")), store.Sort[note]{}, 1).Get()
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("no match: %#v %v, want an empty non-nil slice", got, err)
	}

	_, err = store.FindAll(ctx, c, store.All[note](), store.Sort[note]{}, 4).Get()
	var e *primitives.Error
	if !errors.As(err, &e) || !e.Kind.Is(store.ErrTooMany) || e.Data != (store.Limit{Max: 4}) {
		t.Errorf("5 documents, limit 4: %#v, want TooMany with Limit{4}", err)
	}

	for _, limit := range []int64{0, -1, store.MaxFindAll + 1} {
		if _, err := store.FindAll(ctx, c, store.All[note](), store.Sort[note]{}, limit).Get(); !errors.As(err, &e) || !e.Kind.Is(store.ErrInvalid) {
			t.Errorf("limit %d: %v, want ErrInvalid", limit, err)
		}
	}
	if _, err := store.FindAll(ctx, c, store.All[note](), store.OrderBy[note]("nope"), 10).Get(); !errors.As(err, &e) || !e.Kind.Is(store.ErrInvalid) {
		t.Errorf("unknown sort field: %v, want ErrInvalid", err)
	}
}

package primitives_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

var errBoom = errors.New("boom")

func TestThenChangesTypeAndShortCircuits(t *testing.T) {
	parse := func(s string) mo.Result[int] { return mo.TupleToResult(strconv.Atoi(s)) }
	double := func(n int) mo.Result[string] { return mo.Ok(strconv.Itoa(2 * n)) }

	if got := primitives.Then(parse("21"), double).MustGet(); got != "42" {
		t.Fatalf("Then = %q, want 42", got)
	}
	ran := false
	r := primitives.Then(mo.Err[int](errBoom), func(int) mo.Result[string] { ran = true; return mo.Ok("x") })
	if ran || !errors.Is(r.Error(), errBoom) {
		t.Fatalf("Then after an error: ran=%v err=%v", ran, r.Error())
	}
	if r := primitives.Then(parse("x"), double); r.IsOk() {
		t.Fatal("Then passed a value on after an error")
	}
}

func TestEachCollectsAndStops(t *testing.T) {
	r := primitives.Each([]string{"1", "2", "3"}, func(s string) mo.Result[int] { return mo.TupleToResult(strconv.Atoi(s)) })
	if got := r.MustGet(); len(got) != 3 || got[2] != 3 {
		t.Fatalf("Each = %v", got)
	}
	n := 0
	r = primitives.Each([]string{"1", "x", "3"}, func(s string) mo.Result[int] { n++; return mo.TupleToResult(strconv.Atoi(s)) })
	if r.IsOk() || n != 2 {
		t.Fatalf("Each after an error: ok=%v calls=%d, want error after 2", r.IsOk(), n)
	}
	if got := primitives.Map(mo.Ok(2), func(n int) string { return strconv.Itoa(n) }).MustGet(); got != "2" {
		t.Fatalf("Map = %q", got)
	}
}

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
	parse := primitives.Lift(strconv.Atoi)
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
		t.Fatal("Lift lost the error of strconv.Atoi")
	}
}

func TestPipeStopsAtFirstError(t *testing.T) {
	var calls []string
	step := func(name string, err error) primitives.Step[int, int] {
		return func(n int) mo.Result[int] {
			calls = append(calls, name)
			if err != nil {
				return mo.Err[int](err)
			}
			return mo.Ok(n + 1)
		}
	}
	r := primitives.Pipe(step("a", nil), step("b", errBoom), step("c", nil))(0)
	if !errors.Is(r.Error(), errBoom) || len(calls) != 2 {
		t.Fatalf("Pipe: err=%v calls=%v, want boom after a,b", r.Error(), calls)
	}
	if got := primitives.Pipe(step("a", nil), step("b", nil))(1).MustGet(); got != 3 {
		t.Fatalf("Pipe = %d, want 3", got)
	}
}

func TestIfChoosesBranch(t *testing.T) {
	neg := func(n int) mo.Result[int] { return mo.Ok(-n) }
	step := primitives.If(func(n int) bool { return n > 0 }, neg, nil)
	if got := step(5).MustGet(); got != -5 {
		t.Errorf("If true branch = %d, want -5", got)
	}
	if got := step(-3).MustGet(); got != -3 {
		t.Errorf("If nil false branch = %d, want -3 (passed through)", got)
	}
}

func TestEachCollectsAndStops(t *testing.T) {
	r := primitives.Each([]string{"1", "2", "3"}, primitives.Lift(strconv.Atoi))
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

package primitives_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

func TestPageFromQuery(t *testing.T) {
	tests := []struct {
		query string
		want  primitives.Page
	}{
		{"", primitives.Page{Page: 1, Limit: 10}},
		{"page=3&limit=5", primitives.Page{Page: 3, Limit: 5}},
		{"page=0&limit=0", primitives.Page{Page: 1, Limit: 10}},          // 0 || default
		{"page=abc&limit=x", primitives.Page{Page: 1, Limit: 10}},        // NaN || default
		{"page=-4&limit=-1", primitives.Page{Page: 1, Limit: 1}},         // max(1, n)
		{"page=2.0&limit=%2050%20", primitives.Page{Page: 2, Limit: 50}}, // Number() trims
		{"page=&limit=", primitives.Page{Page: 1, Limit: 10}},
		{"limit=500", primitives.Page{Page: 1, Limit: 500}},           // no cap in the wrapper
		{"page=0x10&limit=0b10", primitives.Page{Page: 16, Limit: 2}}, // JavaScript's Number()
		{"page=Infinity&limit=1e1", primitives.Page{Page: 2147483647, Limit: 10}},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		if got := primitives.PageFromQuery(q); got != tt.want {
			t.Errorf("PageFromQuery(%q) = %+v, want %+v", tt.query, got, tt.want)
		}
	}
}

func TestPaginateArithmetic(t *testing.T) {
	tests := []struct {
		page, limit int
		total       int64
		want        string
	}{
		{1, 10, 0, `{"hasNext":false,"hasPrev":false,"limit":10,"page":1,"total":0,"totalPages":1}`},
		{1, 10, 25, `{"hasNext":true,"hasPrev":false,"limit":10,"page":1,"total":25,"totalPages":3}`},
		{2, 10, 25, `{"hasNext":true,"hasPrev":true,"limit":10,"page":2,"total":25,"totalPages":3}`},
		{3, 10, 25, `{"hasNext":false,"hasPrev":true,"limit":10,"page":3,"total":25,"totalPages":3}`},
		// Clamping quirk: page 5 of 12 items by 5 reports page 3.
		{5, 5, 12, `{"hasNext":false,"hasPrev":true,"limit":5,"page":3,"total":12,"totalPages":3}`},
		{1, 5, 10, `{"hasNext":true,"hasPrev":false,"limit":5,"page":1,"total":10,"totalPages":2}`},
	}
	for _, tt := range tests {
		b, _ := json.Marshal(primitives.Paginate(primitives.Page{Page: tt.page, Limit: tt.limit}, tt.total))
		if string(b) != tt.want {
			t.Errorf("Paginate(%d,%d,%d) = %s, want %s", tt.page, tt.limit, tt.total, b, tt.want)
		}
	}
}

func TestZeroPageIsTheDefaultPage(t *testing.T) {
	if got := primitives.Paginate(primitives.Page{}, 25); got != primitives.Paginate(primitives.Page{Page: 1, Limit: 10}, 25) {
		t.Errorf("Paginate(Page{}) = %+v", got)
	}
	if p := primitives.PageSlice([]int{1, 2, 3}, primitives.Page{Limit: -1}); len(p.Data) != 3 || p.Metadata.Pagination.Limit != 10 {
		t.Errorf("PageSlice with a negative limit = %+v", p)
	}
	if s := (primitives.Page{}).Skip(); s != 0 {
		t.Errorf("Page{}.Skip() = %d", s)
	}
}

func TestPageSlice(t *testing.T) {
	items := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	p := primitives.PageSlice(items, primitives.Page{Page: 3, Limit: 5})
	if len(p.Data) != 2 || p.Data[0] != 11 || p.Metadata.Pagination.Page != 3 {
		t.Fatalf("PageSlice page 3 = %+v", p)
	}
	p = primitives.PageSlice(items, primitives.Page{Page: 5, Limit: 5})
	b, _ := json.Marshal(p)
	want := `{"data":[],"metadata":{"pagination":{"hasNext":false,"hasPrev":true,"limit":5,"page":3,"total":12,"totalPages":3}}}`
	if string(b) != want {
		t.Fatalf("PageSlice past the end = %s, want %s", b, want)
	}
}

func TestMapPageKeepsMetadata(t *testing.T) {
	page := mo.Ok(primitives.NewPaged([]int{1, 2}, primitives.Page{Page: 1, Limit: 2}, 5))
	got := primitives.MapPage(page, func(xs []int) mo.Result[[]string] {
		return mo.Ok([]string{strconv.Itoa(xs[0]), strconv.Itoa(xs[1])})
	}).MustGet()
	if len(got.Data) != 2 || got.Data[1] != "2" || got.Metadata.Pagination.Total != 5 || !got.Metadata.Pagination.HasNext {
		t.Fatalf("MapPage = %+v", got)
	}
	failed := primitives.MapPage(page, func([]int) mo.Result[[]string] { return mo.Err[[]string](errBoom) })
	if !errors.Is(failed.Error(), errBoom) {
		t.Fatalf("MapPage lost the step's error: %v", failed.Error())
	}
}

package crud

import (
	"fmt"
	"io"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

var exportFields = []field{{name: "id"}, {name: "name"}, {name: "count", kind: kindInt}, {name: "price", kind: kindFloat}, {name: "active", kind: kindBool}}

// exportDocs returns n stored-looking documents; they are made once, so
// that what a test measures is the writer.
func exportDocs(tb testing.TB, n int) []bson.Raw {
	tb.Helper()
	docs := make([]bson.Raw, n)
	for i := range docs {
		raw, err := bson.Marshal(bson.D{{Key: "id", Value: fmt.Sprintf("%08d-0000-4000-8000-000000000000", i)}, {Key: "name", Value: fmt.Sprintf("=name, \"%d\"", i)},
			{Key: "count", Value: int64(i)}, {Key: "price", Value: float64(i) / 4}, {Key: "active", Value: i%2 == 0}})
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = raw
	}
	return docs
}

func writeAll(w io.Writer, docs []bson.Raw) error {
	cw := newCSVWriter(w, exportFields)
	if err := cw.header(); err != nil {
		return err
	}
	for _, d := range docs {
		if err := cw.row(d); err != nil {
			return err
		}
	}
	return nil
}

// TestExportMemoryDoesNotGrowWithRows: writing a CSV export allocates the
// same whatever the number of rows (nothing per row), so an export's
// memory is bounded by the cursor's batch, not by the row count.
func TestExportMemoryDoesNotGrowWithRows(t *testing.T) {
	few, many := exportDocs(t, 10), exportDocs(t, 10_000)
	allocs := func(docs []bson.Raw) float64 {
		return testing.AllocsPerRun(5, func() {
			if err := writeAll(io.Discard, docs); err != nil {
				t.Fatal(err)
			}
		})
	}
	if a, b := allocs(few), allocs(many); a != b {
		t.Errorf("allocations: %v for 10 rows, %v for 10,000 rows: the export allocates per row", a, b)
	}
}

// BenchmarkCSVWriter reports B/op and allocs/op of writing a whole export
// of 10,000 and 100,000 rows: both are the same.
func BenchmarkCSVWriter(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs := exportDocs(b, n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := writeAll(io.Discard, docs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

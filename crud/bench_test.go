package crud_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// discardWriter is a ResponseWriter that keeps nothing (an
// httptest.ResponseRecorder would hold the whole export).
type discardWriter struct {
	h http.Header
	n int64
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(int)             {}
func (w *discardWriter) Write(b []byte) (int, error) { w.n += int64(len(b)); return len(b), nil }
func (w *discardWriter) Flush()                      {}

// BenchmarkExportHTTP exports 10,000 and 100,000 widgets through GET
// /widgets?filetype=csv on the test database. B/op counts every
// allocation of the process, the in-process FerretDB's included (it
// decodes each row from SQLite); peak-heap-MB samples the live heap
// during the export, which stays flat when the export streams.
func BenchmarkExportHTTP(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			f := newFixture(b)
			seedMany(b, f, n)
			req := func() *http.Request {
				r := httptest.NewRequest(http.MethodGet, "/widgets?filetype=csv", nil)
				r.Header.Set("Authorization", "Bearer "+f.AdminToken)
				return r
			}
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				w := &discardWriter{h: http.Header{}}
				done := make(chan struct{})
				go func() { // sample the heap while exporting
					var ms runtime.MemStats
					for {
						select {
						case <-done:
							return
						default:
						}
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapAlloc)
					}
				}()
				f.Handler.ServeHTTP(w, req())
				close(done)
				if want := int64(n) * 40; w.n < want {
					b.Fatalf("exported %d bytes, want at least %d", w.n, want)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// seedMany inserts n widgets of OrgA, 10,000 per command.
func seedMany(b *testing.B, f *fixture, n int) {
	b.Helper()
	for lo := 0; lo < n; lo += 10_000 {
		docs := make([]any, 0, 10_000)
		for i := lo; i < min(n, lo+10_000); i++ {
			docs = append(docs, append(bson.D{{Key: "id", Value: fmt.Sprintf("%08d-0000-4000-8000-000000000000", i)}, {Key: "organizationId", Value: f.OrgA},
				{Key: "createdAt", Value: fmt.Sprintf("2026-01-01T00:00:00.%03dZ", i%1000)}, {Key: "deletedAt", Value: nil}},
				widget(fmt.Sprintf("widget %d", i), "live", i, float64(i)/4, i%2 == 0)...))
		}
		if _, err := f.DB.Collection("widgets").InsertMany(b.Context(), docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport10k imports a 10,000-row file into an empty resource.
func BenchmarkImport10k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("name,status,count,price,active\n")
	for i := range 10_000 {
		fmt.Fprintf(&sb, "widget %d,live,%d,%g,%t\n", i, i, float64(i)/4, i%2 == 0)
	}
	body, ct := multipartCSV(b, sb.String())
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		f := newFixture(b)
		b.StartTimer()
		f.Admin.Do(http.MethodPost, "/widgets/bulk-import?organizationId="+f.OrgA, body, ct).ExpectStatus(b, http.StatusOK)
		b.StopTimer()
		if n := f.count(b, "widgets", bson.D{}); n != 10_000 {
			b.Fatalf("imported %d", n)
		}
		b.StartTimer()
	}
}

// BenchmarkFindOnly10k is the export's query alone (the same filter, sort
// and projection, the cursor read to its end, nothing written): what the
// database and driver cost, for comparison with BenchmarkExportHTTP.
func BenchmarkFindOnly10k(b *testing.B) {
	f := newFixture(b)
	seedMany(b, f, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		cur, err := f.DB.Collection("widgets").Find(b.Context(), bson.D{{Key: "organizationId", Value: f.OrgA}, {Key: "deletedAt", Value: nil}},
			options.Find().SetSort(bson.D{{Key: "createdAt", Value: 1}, {Key: "id", Value: 1}}).SetBatchSize(500).
				SetProjection(bson.D{{Key: "_id", Value: 0}, {Key: "id", Value: 1}, {Key: "name", Value: 1}, {Key: "status", Value: 1}, {Key: "count", Value: 1}, {Key: "price", Value: 1}, {Key: "active", Value: 1}}))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for cur.Next(b.Context()) {
			n++
		}
		if n != 10_000 {
			b.Fatal(n)
		}
	}
}

package primitives_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// padding is 1000 empty query parameters: Express's qs parses only the
// first 1000 "&"-separated parts, so whatever follows is never seen, by
// validation or by handlers.
var padding = strings.Repeat("&", 1000)

// The query a handler reads is the query that was validated: the same
// parse (qs's rules, qs's parameter limit), so a parameter validation did
// not see is not seen by the handler either, and one validation saw is
// read as it was seen.
func TestHandlersReadTheValidatedQuery(t *testing.T) {
	c, _ := thingsService(t)
	auth := blockyardtest.WithHeader("X-Token", "t")
	for range 12 {
		c.Post("/things", map[string]any{"name": "n"}, auth).ExpectStatus(t, http.StatusOK)
	}
	c.Post("/things", map[string]any{"name": "other"}, auth).ExpectStatus(t, http.StatusOK)

	tests := []struct {
		query       string
		items       int
		limit       int
		total       int64
		explanation string
	}{
		{"?" + padding + "limit=100000", 10, 10, 13, "a limit past the 1000th part is unseen: the default page"},
		{"?" + padding + "name=nobody", 10, 10, 13, "a filter past the 1000th part is unseen"},
		{"?limit=3" + padding + "limit=100000", 3, 3, 13, "the first limit is the only one seen"},
		{"?name=%zz", 0, 10, 0, `an undecodable escape is the string "%zz", as qs keeps it (net/url drops the pair)`},
		{"?name=n;x", 0, 10, 0, `";" is no separator: the name is "n;x" (net/url drops the pair)`},
		{"?name=n&limit=2", 2, 2, 12, "plain queries are read as before"},
	}
	for _, tt := range tests {
		var page primitives.Paged[thing]
		c.Get("/things"+tt.query).ExpectStatus(t, http.StatusOK).JSON(t, &page)
		if p := page.Metadata.Pagination; len(page.Data) != tt.items || p.Limit != tt.limit || p.Total != tt.total {
			t.Errorf("%s: %d items, limit %d, total %d; want %d, %d, %d (%s)",
				shorten(tt.query), len(page.Data), p.Limit, p.Total, tt.items, tt.limit, tt.total, tt.explanation)
		}
	}
	// Unpadded, the same limit is refused, as by the reference.
	validationData(t, c.Get("/things?limit=100000"))
}

func shorten(q string) string { return strings.Replace(q, padding, "&×1000", 1) }

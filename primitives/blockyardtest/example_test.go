package blockyardtest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// newGreetingService is the service under test: it stores greetings in db.
func newGreetingService(db *mongo.Database) http.Handler {
	greetings := db.Collection("greetings")
	writeJSON := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	writeError := func(w http.ResponseWriter, status int, message string) {
		writeJSON(w, status, map[string]any{"error": map[string]any{"message": message}})
	}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /greetings", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Name string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" {
			writeError(w, http.StatusBadRequest, "name is required")
			return
		}
		doc := bson.D{
			bson.E{Key: "_id", Value: in.Name},
			bson.E{Key: "text", Value: "Hello, " + in.Name + "!"},
		}
		if _, err := greetings.InsertOne(r.Context(), doc); err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /greetings/{name}", func(w http.ResponseWriter, r *http.Request) {
		var out struct {
			Text string `bson:"text" json:"text"`
		}
		err := greetings.FindOne(r.Context(), bson.D{bson.E{Key: "_id", Value: r.PathValue("name")}}).Decode(&out)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			writeError(w, http.StatusNotFound, "greeting not found")
		case err != nil:
			writeError(w, http.StatusInternalServerError, err.Error())
		default:
			writeJSON(w, http.StatusOK, out)
		}
	})
	return mux
}

// testGreetings is what would be TestGreetings in your package (TestExample runs it here).
func testGreetings(t *testing.T) {
	t.Parallel()
	db := blockyardtest.Database(t) // fresh and empty, dropped when t ends
	c := blockyardtest.NewClient(t, newGreetingService(db))

	c.Post("/greetings", map[string]any{"name": "Ada"}).ExpectStatus(t, http.StatusCreated)

	var got struct{ Text string }
	c.Get("/greetings/Ada").ExpectStatus(t, http.StatusOK).JSON(t, &got)
	if got.Text != "Hello, Ada!" {
		t.Errorf("text = %q, want %q", got.Text, "Hello, Ada!")
	}
	c.Get("/greetings/Bob").ExpectError(t, http.StatusNotFound, "greeting not found")
	c.Post("/greetings", `{}`).ExpectError(t, http.StatusBadRequest, "name is required")
}

// Example shows a service test: a fresh database per test, the service's handler called in-process.
// Write testGreetings as a TestXxx function of your package, and stop the shared database server
// after the package's tests with:
//
//	func TestMain(m *testing.M) { blockyardtest.Main(m) }
func Example() {
	// func TestGreetings(t *testing.T) { ... } — see testGreetings above.
}

// Request options shape the requests a Client sends; a client made with
// Client.With applies them to every request, and each call takes more.
func ExampleWithBearer() {
	req := httptest.NewRequest(http.MethodGet, "/greetings/Ada", nil)
	for _, opt := range []blockyardtest.RequestOption{
		blockyardtest.WithBearer("token-1"),
		blockyardtest.WithHeader("X-Request-Id", "req-7"),
		blockyardtest.WithRemoteAddr("203.0.113.7:4711"),
	} {
		opt(req)
	}
	fmt.Println(req.Header.Get("Authorization"))
	fmt.Println(req.Header.Get("X-Request-Id"))
	fmt.Println(req.RemoteAddr)
	// Output:
	// Bearer token-1
	// req-7
	// 203.0.113.7:4711
}

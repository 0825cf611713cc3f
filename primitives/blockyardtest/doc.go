// Package blockyardtest is the test substrate for Blockyard and for the
// apps built on it: a fresh real database per test, and an in-process HTTP
// client for a mounted service. Tests drive the real thing (HTTP in, a real
// database underneath) instead of mocks, and need no server, no Docker and
// no network.
//
// # Databases
//
// [Database] gives each test its own empty MongoDB database, dropped when
// the test ends. The tests run on a real MongoDB when MONGODB_URI is set
// ([EnvURI]), and otherwise on FerretDB v1.24 (SQLite handler) started
// inside the test binary on first use. FerretDB differs from MongoDB in a
// few operators; code under test must stay within the portable subset
// described in docs/mongo-portable.md, and [UsingFerretDB] lets a test
// skip what FerretDB gets wrong. FerretDB does not apply an update
// atomically; the shared client therefore runs the write commands of a
// database one at a time, which makes each write atomic as on MongoDB. A
// client of your own gets the same from [ClientOptions]. A client that
// connects through a [NewProxy] sees the database stop and come back when
// the test says so, for testing health probes and 503s.
//
// A package whose tests use [Database] should stop the shared server after
// its tests:
//
//	func TestMain(m *testing.M) { blockyardtest.Main(m) }
//
// # Clients
//
// [NewClient] calls an http.Handler directly (httptest underneath) and
// returns a [Response] with helpers that print the body when an
// expectation fails. [RequestOption] values ([WithBearer], [WithHeader],
// [WithRemoteAddr]) shape every request of a client made by Client.With,
// or one request.
//
// # Answers checked against the API document
//
// A Client made by [NewClient] with a *primitives.Router checks every
// answer against the router's OpenAPI document (package openapi, built
// once per distinct route table): a status the document does not list for
// the route, or a body that does not match the documented schema, fails
// the test, so a suite that passes proves the document true. Requests no
// route matches are not checked. [Client.Unchecked] opts a client out, for
// a test that provokes an undocumented answer on purpose;
// [Client.CheckedAgainst] checks a handler that mounts the router under a
// prefix. [Main] prints how many answers were checked.
//
// # A service test
//
//	func TestCreateGreeting(t *testing.T) {
//		t.Parallel()
//		db := blockyardtest.Database(t)
//		c := blockyardtest.NewClient(t, newService(db)).With(blockyardtest.WithBearer("token"))
//
//		c.Post("/greetings", map[string]any{"name": "Ada"}).ExpectStatus(t, http.StatusCreated)
//		if got := c.Get("/greetings/Ada").ExpectStatus(t, http.StatusOK).Map()["text"]; got != "Hello, Ada!" {
//			t.Errorf("text = %v", got)
//		}
//		c.Get("/greetings/Bob").ExpectError(t, http.StatusNotFound, "greeting not found")
//	}
package blockyardtest

package primitives_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/terminators"
	"github.com/samber/mo"
)

// testBodyTimeout is the body deadline of these tests: short, so that each
// case ends within a second or two.
const testBodyTimeout = 300 * time.Millisecond

// deadlineServer serves echo routes on a real listener (the deadline needs
// a real connection) with the given body read timeout.
func deadlineServer(t *testing.T, timeout time.Duration, routes ...primitives.Route) *httptest.Server {
	t.Helper()
	if len(routes) == 0 {
		routes = []primitives.Route{echoRoute(http.MethodPost, "/things/{id}"), echoRoute(http.MethodGet, "/things/{id}")}
	}
	parts := make([]primitives.Mountable, len(routes))
	for i, r := range routes {
		parts[i] = r
	}
	svc := &primitives.Service{Config: primitives.Config{BodyReadTimeout: timeout}}
	srv := httptest.NewServer(mount(t, svc, parts...))
	t.Cleanup(srv.Close)
	return srv
}

// trickle opens a raw connection, sends head (a request line and headers,
// ending with the blank line) and then one byte of body every interval
// until the connection fails or the test ends. It returns the connection,
// with a read deadline of 5 s so that no assertion can hang.
func trickle(t *testing.T, srv *httptest.Server, head string, interval time.Duration) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	t.Cleanup(func() { close(done); conn.Close(); <-stopped })
	go func() {
		defer close(stopped)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if _, err := conn.Write([]byte{' '}); err != nil {
					return
				}
			}
		}
	}()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	return conn
}

// readAnswer reads one response from conn and its body.
func readAnswer(t *testing.T, conn net.Conn, br *bufio.Reader) (*http.Response, string) {
	t.Helper()
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("answer body: %v", err)
	}
	return res, string(b)
}

// expectClosed checks that the server closed conn (rather than waiting for
// the rest of the body).
func expectClosed(t *testing.T, br *bufio.Reader) {
	t.Helper()
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) && !isReset(err) {
		t.Errorf("connection not closed after the answer: %v", err)
	}
}

func isReset(err error) bool {
	return err != nil && strings.Contains(err.Error(), "connection reset")
}

// A client that declares a body and sends it a byte at a time gets 408 in
// the error envelope once Config.BodyReadTimeout has passed, and its
// connection is closed; whatever the body's type or encoding, and also when
// no route reads the body.
func TestTrickledBodyIsCutAtTheDeadline(t *testing.T) {
	t.Parallel()
	const timeout = `{"error":{"message":"request timeout"}}`
	tests := []struct {
		name, head string
		status     int
		body       string
	}{
		{"json", "POST /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
			http.StatusRequestTimeout, timeout},
		{"chunked json", "POST /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n{",
			http.StatusRequestTimeout, timeout},
		{"gzip header", "POST /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 1000\r\n\r\n",
			http.StatusRequestTimeout, timeout},
		{"not json", "POST /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nx",
			http.StatusRequestTimeout, timeout},
		{"get with a body", "GET /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[",
			http.StatusRequestTimeout, timeout},
		// No route: the 404 is written at once, but net/http first reads
		// what is left of the body; the deadline bounds that too.
		{"unknown route", "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
			http.StatusNotFound, `{"error":{"message":"Not Found"}}`},
	}
	srv := deadlineServer(t, testBodyTimeout)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			conn := trickle(t, srv, tt.head, 50*time.Millisecond)
			br := bufio.NewReader(conn)
			res, body := readAnswer(t, conn, br)
			elapsed := time.Since(start)
			if res.StatusCode != tt.status || body != tt.body {
				t.Errorf("answer %d %s, want %d %s", res.StatusCode, body, tt.status, tt.body)
			}
			if elapsed < testBodyTimeout || elapsed > testBodyTimeout+2*time.Second {
				t.Errorf("answered after %v, want about %v", elapsed, testBodyTimeout)
			}
			expectClosed(t, br)
		})
	}
}

// A trickled body does not hold a graceful shutdown: Server.Shutdown
// returns once the deadline has cut the body.
func TestTrickledBodyDoesNotHoldShutdown(t *testing.T) {
	t.Parallel()
	svc := &primitives.Service{Config: primitives.Config{BodyReadTimeout: testBodyTimeout}}
	h := mount(t, svc, echoRoute(http.MethodPost, "/things/{id}"))
	handling := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handling <- struct{}{}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	conn := trickle(t, srv, "POST /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", 50*time.Millisecond)
	<-handling // the request is in the handler, its body being read

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	err := srv.Config.Shutdown(ctx)
	if elapsed := time.Since(start); err != nil || elapsed > testBodyTimeout+2*time.Second {
		t.Fatalf("Shutdown = %v after %v, want nil within about %v", err, elapsed, testBodyTimeout)
	}
	res, _ := readAnswer(t, conn, bufio.NewReader(conn))
	if res.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %d, want 408", res.StatusCode)
	}
}

// Once a body has arrived the deadline is lifted: a handler may take longer
// than BodyReadTimeout (its context is not cancelled), and the connection
// serves the next request.
func TestDeadlineIsLiftedOnceTheBodyIsRead(t *testing.T) {
	t.Parallel()
	slow := primitives.Route{
		Name: "slow", Method: http.MethodPost, Path: "/slow",
		Handler: primitives.Handle(func(r *primitives.Request) mo.Result[echo] {
			time.Sleep(2 * testBodyTimeout)
			if err := r.Context().Err(); err != nil {
				return mo.Err[echo](err)
			}
			return mo.Ok(echo{ID: r.BodyString("id")})
		}, terminators.JSON(http.StatusOK, nil)),
	}
	srv := deadlineServer(t, testBodyTimeout, slow)
	for _, ct := range []string{"application/json", "text/plain"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		br := bufio.NewReader(conn)
		for i := range 2 { // two requests on one connection
			body := `{"id":"a"}`
			if _, err := io.WriteString(conn, "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: "+ct+"\r\nContent-Length: 10\r\n\r\n"+body); err != nil {
				t.Fatal(err)
			}
			res, got := readAnswer(t, conn, br)
			want := `{"id":"a"}`
			if ct != "application/json" {
				want = `{"id":""}`
			}
			if res.StatusCode != http.StatusOK || got != want {
				t.Errorf("%s request %d: %d %s, want 200 %s", ct, i, res.StatusCode, got, want)
			}
		}
	}
}

// A server's shorter ReadTimeout wins over BodyReadTimeout, and its expiry
// is the same 408.
func TestShorterServerReadTimeoutWins(t *testing.T) {
	t.Parallel()
	svc := &primitives.Service{Config: primitives.Config{BodyReadTimeout: time.Minute}}
	srv := httptest.NewUnstartedServer(mount(t, svc, echoRoute(http.MethodPost, "/things/{id}")))
	srv.Config.ReadTimeout = testBodyTimeout
	srv.Start()
	t.Cleanup(srv.Close)
	start := time.Now()
	conn := trickle(t, srv, "POST /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", 50*time.Millisecond)
	res, body := readAnswer(t, conn, bufio.NewReader(conn))
	if res.StatusCode != http.StatusRequestTimeout || body != `{"error":{"message":"request timeout"}}` {
		t.Errorf("answer %d %s", res.StatusCode, body)
	}
	if elapsed := time.Since(start); elapsed > testBodyTimeout+2*time.Second {
		t.Errorf("answered after %v", elapsed)
	}
}

// A ResponseWriter that cannot set deadlines (httptest.ResponseRecorder)
// reads the body without one.
func TestRecorderReadsBodiesWithoutDeadline(t *testing.T) {
	t.Parallel()
	h := mount(t, &primitives.Service{Config: primitives.Config{BodyReadTimeout: time.Nanosecond}}, echoRoute(http.MethodPost, "/things/{id}"))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/things/7", strings.NewReader(`{"a":1}`))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Body.String() != `{"id":"7"}` {
		t.Errorf("answer %d %s", rec.Code, rec.Body)
	}
}

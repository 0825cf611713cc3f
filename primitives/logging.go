package primitives

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/samber/mo"
)

// requestID returns the client's X-Request-Id or a new process-unique id.
func requestID(hr *http.Request) string {
	id, _ := newRequestID(hr)
	return id
}

// newRequestID returns the request id (see requestID) and the value of the
// X-Request-Id response header that echoes it. The request log runs on
// every request, so both cost one allocation together: a client's id
// reuses the request header's own slice, and a generated id is written
// into the array that also backs the header value.
func newRequestID(hr *http.Request) (id string, header []string) {
	if vs := hr.Header["X-Request-Id"]; len(vs) > 0 && vs[0] != "" && len(vs[0]) <= 128 {
		return vs[0], vs[:1:1]
	}
	box := new(requestIDBox)
	b := append(box.buf[:0], idPrefix...)
	b = strconv.AppendUint(b, idCounter.Add(1), 36)
	if &b[0] == &box.buf[0] {
		id = unsafe.String(&b[0], len(b)) // box.buf is never written again
	} else {
		id = string(b) // cannot happen: buf fits the prefix and any uint64
	}
	box.header[0] = id
	return id, box.header[:]
}

// requestIDBox holds a generated request id and the header value naming it.
type requestIDBox struct {
	header [1]string
	buf    [9 + 13]byte // idPrefix (8 hex digits and '-'), a uint64 in base 36
}

var (
	idCounter atomic.Uint64
	idPrefix  = func() string {
		var b [4]byte
		_, _ = rand.Read(b[:])
		return hex.EncodeToString(b[:]) + "-"
	}()
)

// LogRequests logs one line per request of next in the format of a mounted
// service's own request log (method, path, status, duration, request id
// from X-Request-Id or generated and echoed), for a host app's other
// handlers (a file server, health checks). Only the path is logged, never
// the query: a signed URL's query string is a credential.
func LogRequests(l *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, hr *http.Request) {
		line, ok := startRequestLine(l, w, hr)
		if !ok {
			next.ServeHTTP(w, hr)
			return
		}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, hr)
		line.write(l, hr, "", sw.status)
	})
}

// requestLine is the request log's line of one request in the making, the
// one implementation of the line that Router.ServeHTTP and LogRequests
// both write: startRequestLine when the request arrives, write once it
// has been answered. It lives on the stack: it costs no allocation beyond
// the request id's (see newRequestID).
type requestLine struct {
	start time.Time
	id    string
}

// startRequestLine starts the line of a request when l logs at info
// level: it takes the request id (see requestID), echoes it in the
// X-Request-Id response header and notes the time. It reports false, and
// does nothing, when the line would not be logged.
func startRequestLine(l *slog.Logger, w http.ResponseWriter, hr *http.Request) (requestLine, bool) {
	if !l.Enabled(hr.Context(), slog.LevelInfo) {
		return requestLine{}, false
	}
	start := time.Now()
	id, header := newRequestID(hr)
	w.Header()["X-Request-Id"] = header
	return requestLine{start: start, id: id}, true
}

// write logs the line: method, path (never the query), status (0, nothing
// written, is 200 as net/http answers), duration, request id and route
// name ("" outside a mounted service).
func (ln requestLine) write(l *slog.Logger, hr *http.Request, route string, status int) {
	if status == 0 {
		status = http.StatusOK
	}
	l.LogAttrs(hr.Context(), slog.LevelInfo, "request",
		slog.String("method", hr.Method),
		slog.String("path", hr.URL.Path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(ln.start)),
		slog.String("requestId", ln.id),
		slog.String("route", route),
	)
}

// Trace logs a block's outcome at debug level and returns res unchanged, so
// that a pipeline step can be wrapped without changing its shape:
//
//	g := primitives.Trace(r, "FindGreeting", greetings.Find(ctx, coll, id))
//
// It costs one Enabled check when debug logging is off.
func Trace[T any](r *Request, block string, res mo.Result[T]) mo.Result[T] {
	l := r.Service.Logger
	if l == nil || !l.Enabled(r.Context(), slog.LevelDebug) {
		return res
	}
	if err := res.Error(); err != nil {
		l.LogAttrs(r.Context(), slog.LevelDebug, "block", slog.String("block", block), slog.String("error", MaskEmails(err.Error())))
	} else {
		l.LogAttrs(r.Context(), slog.LevelDebug, "block", slog.String("block", block), slog.String("result", "ok"))
	}
	return res
}

// MaskEmails replaces the e-mail addresses in s (error texts such as
// `unable to register "ann@example.com"`) with Redacted, for logs.
func MaskEmails(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return emailPattern.ReplaceAllString(s, Redacted)
}

var emailPattern = regexp.MustCompile(`[^\s"'<>@,;:()\[\]]+@[^\s"'<>@,;:()\[\]]+`)

// RedactingHandler is a slog.Handler that masks the values of attributes
// whose key names a secret (password, token, authorization, secret, email,
// cookie), at any depth of groups, before passing records on.
type RedactingHandler struct {
	next slog.Handler
}

// NewRedactingHandler wraps next.
func NewRedactingHandler(next slog.Handler) *RedactingHandler { return &RedactingHandler{next: next} }

// Redacted is the value logged in place of a secret.
const Redacted = "[REDACTED]"

// IsSecretKey reports whether an attribute key names a secret.
func IsSecretKey(key string) bool {
	for _, s := range secretWords {
		if containsFold(key, s) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word w,
// ignoring ASCII case, without allocating (the request log checks every
// attribute key of every line).
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for ; j < len(w); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[j] {
				break
			}
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

var secretWords = []string{"password", "token", "authorization", "secret", "email", "cookie"}

// Enabled implements slog.Handler.
func (h *RedactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle implements slog.Handler. A record with nothing to redact is passed
// on as is, without a copy.
func (h *RedactingHandler) Handle(ctx context.Context, rec slog.Record) error {
	dirty := false
	rec.Attrs(func(a slog.Attr) bool {
		dirty = IsSecretKey(a.Key) || a.Value.Kind() == slog.KindGroup || a.Value.Kind() == slog.KindLogValuer
		return !dirty
	})
	if !dirty {
		return h.next.Handle(ctx, rec)
	}
	clean := slog.NewRecord(rec.Time, rec.Level, rec.Message, rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		clean.AddAttrs(redact(a))
		return true
	})
	return h.next.Handle(ctx, clean)
}

// WithAttrs implements slog.Handler.
func (h *RedactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = redact(a)
	}
	return &RedactingHandler{next: h.next.WithAttrs(out)}
}

// WithGroup implements slog.Handler.
func (h *RedactingHandler) WithGroup(name string) slog.Handler {
	return &RedactingHandler{next: h.next.WithGroup(name)}
}

func redact(a slog.Attr) slog.Attr {
	if IsSecretKey(a.Key) {
		return slog.String(a.Key, Redacted)
	}
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		g := v.Group()
		out := make([]slog.Attr, len(g))
		for i, ga := range g {
			out[i] = redact(ga)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

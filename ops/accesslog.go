package ops

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// AccessLog configures Log. The zero value writes one slog line per
// request to slog.Default().
type AccessLog struct {
	// Logger receives the line (level info, message "access"); default
	// slog.Default().
	Logger *slog.Logger
	// Combined, when set, also receives each request as a line of Apache's
	// "combined" format (morgan's "combined"), for log tools that expect
	// it:
	//
	//	203.0.113.9 - - [02/Dec/2026:01:02:03 +0000] "GET /api/x HTTP/1.1" 200 17 "-" "curl/8.5.0"
	Combined io.Writer
	// Attrs, when set, adds attributes of its own to the slog line (the
	// tenant of the request, say).
	Attrs func(r *http.Request) []slog.Attr
	// Clock tells the time; default time.Now.
	Clock func() time.Time
}

// Log writes one access line per request, once the wrapped handler has
// answered: method, path, status, bytes written, duration, client address
// and user agent. The query string is left out of the slog line (it may
// carry tokens); the combined line, whose format has it, keeps it.
//
// Blockyard's routers log a request line of their own (primitives.Service
// Logger); Log covers every handler of the host, Blockyard's or not.
func Log(o AccessLog) Middleware {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	var mu sync.Mutex // one combined line at a time
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := o.Clock()
			rec := &recorder{ResponseWriter: w}
			defer func() {
				status := rec.status
				if status == 0 {
					status = http.StatusOK
				}
				attrs := []slog.Attr{
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
					slog.Int("status", status),
					slog.Int64("bytes", rec.bytes),
					slog.Duration("duration", o.Clock().Sub(start)),
					slog.String("remote", clientAddr(r)),
					slog.String("userAgent", r.UserAgent()),
				}
				if o.Attrs != nil {
					attrs = append(attrs, o.Attrs(r)...)
				}
				o.Logger.LogAttrs(r.Context(), slog.LevelInfo, "access", attrs...)
				if o.Combined != nil {
					line := combinedLine(r, status, rec.bytes, start)
					mu.Lock()
					io.WriteString(o.Combined, line)
					mu.Unlock()
				}
			}()
			next.ServeHTTP(rec, r)
		})
	}
}

// combinedLine formats r as Apache's combined log format.
func combinedLine(r *http.Request, status int, bytes int64, at time.Time) string {
	size := "-"
	if bytes > 0 {
		size = strconv.FormatInt(bytes, 10)
	}
	return fmt.Sprintf("%s - - [%s] %s %d %s %s %s\n",
		clientAddr(r), at.Format("02/Jan/2006:15:04:05 -0700"),
		strconv.Quote(r.Method+" "+r.URL.RequestURI()+" "+r.Proto), status, size,
		quoteOrDash(r.Referer()), quoteOrDash(r.UserAgent()))
}

func quoteOrDash(s string) string {
	if s == "" {
		return `"-"`
	}
	return strconv.Quote(s)
}

// clientAddr is the connection's address without its port (RemoteAddr;
// behind a proxy the host sets it from a header it trusts).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// recorder remembers the status and size of an answer.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

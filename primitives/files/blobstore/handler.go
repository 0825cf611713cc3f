package blobstore

import (
	"context"
	"crypto/hmac"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"

	"gocloud.dev/blob"
)

// Client-facing error messages of Handler.
const (
	msgInvalidSignature    = "Invalid or expired signature."
	msgExpired             = "Signed URL has expired."
	msgMethodMismatch      = "Request method does not match the signed URL."
	msgContentTypeMismatch = "Content-Type does not match the signed URL."
	msgLengthMismatch      = "Content length does not match the signed URL."
	msgTooLarge            = "File is too large."
	msgBadBody             = "Failed to read the request body."
	msgNotFound            = "File not found."
	msgStoreFailed         = "Failed to store file."
	msgReadFailed          = "Failed to read file."
	msgDeleteFailed        = "Failed to delete file."
)

// Handler serves the URLs Local signs: PUT uploads, GET downloads and
// DELETE deletes.
//
// # Mounting
//
// Serve it where Local's baseURL points. A signed URL is authenticated by
// its query string alone (the object name is in the signed query, never in
// the path), so the handler ignores the request path: mount it with or
// without http.StripPrefix, e.g. for baseURL https://api.example.com/files/
//
//	mux.Handle("/files/", local.Handler())
//
// It needs no authentication middleware; do not put it behind the API's
// token checks, since browsers call signed URLs without credentials.
//
// # Checks
//
// A request is served only if, in this order:
//
//   - the signature is authentic and unexpired (fileblob's KeyFromURL,
//     wall clock) and Options.Clock is before the expiry; else 403;
//   - its method is the signed one (HEAD is not GET); else 403;
//   - for PUT, its Content-Type header is exactly the signed content type
//     (absent if that is empty); else 403, as a cloud provider answers a
//     request that does not match what was signed (not 415: the type is
//     part of the signature, not a format the server lacks);
//   - for PUT, the body is exactly the signed length: a declared
//     Content-Length or a streamed (chunked) body over the signed length or
//     Options.MaxSize is 413, any other length mismatch 403.
//
// Uploads stream to the bucket through a fixed 32 KiB buffer, so memory
// stays flat whatever the file size, and a rejected or failed upload is
// aborted: nothing is stored, and an object already there is left as it
// was. A successful upload answers 200 with no body, like the cloud
// providers, and a later upload to the same URL replaces the object.
//
// Downloads are served with the stored Content-Type, Content-Length,
// Last-Modified and Range support, plus "X-Content-Type-Options: nosniff"
// and a sandboxing Content-Security-Policy, because image/svg+xml uploads
// are scriptable and this handler may share the API's origin. Deletes
// answer 204. A missing object is 404.
//
// Every error is JSON, {"error":{"message":"..."}}, except the few range
// errors http.ServeContent answers itself (416, 304, 412).
func (l *Local) Handler() http.Handler {
	return http.HandlerFunc(l.serve)
}

// grant is what a verified signed URL allows.
type grant struct {
	object      string
	method      string
	contentType string
	length      int64 // PUT only
}

// httpError is a rejection: a status and a client-facing message.
type httpError struct {
	status  int
	message string
}

func (l *Local) serve(w http.ResponseWriter, r *http.Request) {
	g, herr := l.verify(r)
	if herr != nil {
		writeError(w, herr.status, herr.message)
		return
	}
	switch g.method {
	case http.MethodPut:
		l.upload(w, r, g)
	case http.MethodGet:
		l.download(w, r, g)
	case http.MethodDelete:
		l.remove(w, r, g)
	default: // unreachable: Bucket only signs the three methods above.
		writeError(w, http.StatusForbidden, msgMethodMismatch)
	}
}

// signedParams are the query parameters a signature covers. Each may appear
// at most once, so no reader of the URL can pick a different copy than the
// one that was verified.
var signedParams = []string{
	paramObject, paramExpiry, paramMethod, paramContentType,
	paramSignature, paramLength, paramLengthSig,
}

// verify authenticates r's signed URL and returns what it grants.
func (l *Local) verify(r *http.Request) (grant, *httpError) {
	q := r.URL.Query()
	for _, p := range signedParams {
		if len(q[p]) > 1 {
			return grant{}, &httpError{http.StatusForbidden, msgInvalidSignature}
		}
	}
	object, err := l.signer.KeyFromURL(r.Context(), r.URL)
	if err != nil {
		return grant{}, &httpError{http.StatusForbidden, msgInvalidSignature}
	}
	// KeyFromURL checked expiry against the wall clock; check Options.Clock.
	expiry, err := strconv.ParseInt(q.Get(paramExpiry), 10, 64)
	if err != nil || l.bucket.opts.Clock().Unix() > expiry {
		return grant{}, &httpError{http.StatusForbidden, msgExpired}
	}
	g := grant{
		object:      object,
		method:      q.Get(paramMethod),
		contentType: q.Get(paramContentType),
	}
	if r.Method != g.method {
		return grant{}, &httpError{http.StatusForbidden, msgMethodMismatch}
	}
	if g.method == http.MethodPut {
		length := q.Get(paramLength)
		n, err := strconv.ParseInt(length, 10, 64)
		want := l.lengthMAC(q.Get(paramSignature), length)
		if err != nil || !hmac.Equal([]byte(q.Get(paramLengthSig)), []byte(want)) {
			return grant{}, &httpError{http.StatusForbidden, msgInvalidSignature}
		}
		g.length = n
	}
	return g, nil
}

// upload streams r's body into g.object, or stores nothing.
func (l *Local) upload(w http.ResponseWriter, r *http.Request, g grant) {
	if !contentTypeMatches(r.Header.Values("Content-Type"), g.contentType) {
		writeError(w, http.StatusForbidden, msgContentTypeMismatch)
		return
	}
	if g.length < 0 {
		writeError(w, http.StatusForbidden, msgLengthMismatch)
		return
	}
	limit := min(g.length, l.bucket.opts.MaxSize)
	if r.ContentLength > limit {
		writeError(w, http.StatusRequestEntityTooLarge, msgTooLarge)
		return
	}
	if r.ContentLength >= 0 && r.ContentLength != g.length {
		writeError(w, http.StatusForbidden, msgLengthMismatch)
		return
	}

	// Cancelling ctx before Close aborts the write: fileblob then removes
	// its temporary file instead of renaming it into place.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	bw, err := l.Blob().NewWriter(ctx, g.object, &blob.WriterOptions{
		ContentType:                 g.contentType,
		DisableContentTypeDetection: true, // only matters for an empty type
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, msgStoreFailed)
		return
	}
	body := &bodyReader{r: http.MaxBytesReader(w, r.Body, limit)}
	n, err := copyBuffered(bw, body)
	if err == nil && n != g.length {
		err = errShortBody
	}
	if err != nil {
		cancel()
		_ = bw.Close()
		var tooLarge *http.MaxBytesError
		var readErr *readError
		switch {
		case errors.As(err, &tooLarge):
			writeError(w, http.StatusRequestEntityTooLarge, msgTooLarge)
		case errors.Is(err, errShortBody):
			writeError(w, http.StatusForbidden, msgLengthMismatch)
		case errors.As(err, &readErr):
			writeError(w, http.StatusBadRequest, msgBadBody)
		default:
			writeError(w, http.StatusInternalServerError, msgStoreFailed)
		}
		return
	}
	if err := bw.Close(); err != nil {
		writeError(w, http.StatusInternalServerError, msgStoreFailed)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// download serves g.object with its stored content type.
func (l *Local) download(w http.ResponseWriter, r *http.Request, g grant) {
	rd, err := l.Blob().NewReader(r.Context(), g.object, nil)
	if err != nil {
		if isNotFound(err) {
			writeError(w, http.StatusNotFound, msgNotFound)
		} else {
			writeError(w, http.StatusInternalServerError, msgReadFailed)
		}
		return
	}
	defer rd.Close()
	contentType := rd.ContentType()
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	// ServeContent sets Content-Length, handles Range and conditional
	// requests, and copies through net/http's pooled buffers.
	http.ServeContent(w, r, "", rd.ModTime(), rd)
}

// remove deletes g.object.
func (l *Local) remove(w http.ResponseWriter, r *http.Request, g grant) {
	if err := l.Delete(r.Context(), g.object); err != nil {
		if isNotFound(err) {
			writeError(w, http.StatusNotFound, msgNotFound)
		} else {
			writeError(w, http.StatusInternalServerError, msgDeleteFailed)
		}
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// contentTypeMatches reports whether the request's Content-Type header
// values are exactly the signed type: one identical value, or none when
// the signed type is empty.
func contentTypeMatches(got []string, signed string) bool {
	if signed == "" {
		return len(got) == 0
	}
	return len(got) == 1 && got[0] == signed
}

// errShortBody reports a body that ended before the signed length.
var errShortBody = errors.New("files: body shorter than the signed length")

// readError marks an error from reading the request body, to tell a bad
// request (400) from a storage failure (500).
type readError struct{ err error }

func (e *readError) Error() string { return "read body: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// bodyReader wraps the request body's errors (except io.EOF) in readError.
type bodyReader struct{ r io.Reader }

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// copyBufSize is the upload copy buffer: small enough to keep memory flat
// per upload, large enough for few syscalls.
const copyBufSize = 32 << 10

var copyBufs = sync.Pool{New: func() any { b := make([]byte, copyBufSize); return &b }}

// copyBuffered copies src to dst through a pooled buffer. It hides dst's
// ReadFrom, which *blob.Writer implements with a fresh 1 MiB buffer per call.
func copyBuffered(dst io.Writer, src io.Reader) (int64, error) {
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	return io.CopyBuffer(struct{ io.Writer }{dst}, src, *buf)
}

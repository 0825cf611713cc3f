package crud

import (
	"bufio"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/blockyard/blockyard/primitives"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// exportPlan is a CSV export the list route decided on: which records, in
// which order, which columns. The list terminator serves it.
type exportPlan struct {
	coll   *mongo.Collection
	filter bson.D
	sort   bson.D
	fields []field
	name   string
}

// exportFlushRows is how many rows are written between flushes to the
// client.
const exportFlushRows = 1000

// serve streams the export: a header row, then one row per record as the
// cursor yields it, flushed every exportFlushRows rows. Memory stays the
// same whatever the number of rows: nothing is collected. A failure
// before the first byte is an error answer; after it, the connection is
// aborted (http.ErrAbortHandler) so that the client sees a truncated
// download rather than a short file that looks complete.
func (p *exportPlan) serve(r *primitives.Request) {
	proj := bson.D{{Key: "_id", Value: 0}}
	for _, f := range p.fields {
		proj = append(proj, bson.E{Key: f.name, Value: 1})
	}
	ctx := r.Context()
	cur, err := p.coll.Find(ctx, p.filter, options.Find().SetSort(p.sort).SetProjection(proj).SetBatchSize(500))
	if err != nil {
		r.Fail(primitives.AsError(err))
		return
	}
	defer cur.Close(ctx)
	h := r.Writer.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+p.name+`.csv"`)
	h.Set("Cache-Control", "no-store")
	r.Writer.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(r.Writer, 32<<10)
	cw := newCSVWriter(bw, p.fields)
	werr := cw.header()
	for n := 1; werr == nil && cur.Next(ctx); n++ {
		werr = cw.row(cur.Current)
		if werr == nil && n%exportFlushRows == 0 {
			werr = flush(bw, r.Writer)
		}
	}
	if werr == nil {
		werr = cur.Err()
	}
	if werr == nil {
		werr = flush(bw, r.Writer)
	}
	if werr != nil {
		r.Service.Logger.LogAttrs(ctx, slog.LevelWarn, "crud: CSV export aborted", slog.String("resource", p.name), slog.Any("error", werr))
		panic(http.ErrAbortHandler)
	}
}

func flush(bw *bufio.Writer, w http.ResponseWriter) error {
	if err := bw.Flush(); err != nil {
		return err
	}
	return http.NewResponseController(w).Flush()
}

// csvWriter writes RFC 4180 rows (CRLF line ends; a field with a comma, a
// quote, CR or LF is quoted, quotes doubled) of stored documents, without
// allocating per row: cells are read from the documents' bytes and
// formatted into one reused buffer. A string cell that a spreadsheet
// would run as a formula (starting with =, +, -, @, tab or CR) is
// neutralised by a leading apostrophe; so is one starting with an
// apostrophe, which import strips again (one), so that export → import →
// export gives the same file and the same values.
type csvWriter struct {
	w      io.Writer
	fields []field
	buf    []byte
}

func newCSVWriter(w io.Writer, fields []field) *csvWriter {
	return &csvWriter{w: w, fields: fields, buf: make([]byte, 0, 512)}
}

// header writes the field names.
func (c *csvWriter) header() error {
	c.buf = c.buf[:0]
	for i, f := range c.fields {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		c.buf = appendCell(c.buf, false, []byte(f.name))
	}
	c.buf = append(c.buf, '\r', '\n')
	_, err := c.w.Write(c.buf)
	return err
}

// row writes one document's cells.
func (c *csvWriter) row(doc bson.Raw) error {
	c.buf = c.buf[:0]
	for i, f := range c.fields {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		v, err := doc.LookupErr(f.name)
		if err != nil {
			continue // absent: an empty cell
		}
		c.buf = appendValue(c.buf, v)
	}
	c.buf = append(c.buf, '\r', '\n')
	_, err := c.w.Write(c.buf)
	return err
}

// appendValue formats one stored value as a cell.
func appendValue(dst []byte, v bson.RawValue) []byte {
	switch v.Type {
	case bson.TypeString:
		s := v.Value
		if len(s) < 5 {
			return dst
		}
		s = s[4 : len(s)-1] // int32 length, bytes, NUL
		return appendCell(dst, len(s) > 0 && needsNeutralising(s[0]), s)
	case bson.TypeInt32:
		return strconv.AppendInt(dst, int64(v.Int32()), 10)
	case bson.TypeInt64:
		return strconv.AppendInt(dst, v.Int64(), 10)
	case bson.TypeDouble:
		f := v.Double()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return dst
		}
		return strconv.AppendFloat(dst, f, 'f', -1, 64)
	case bson.TypeBoolean:
		return strconv.AppendBool(dst, v.Boolean())
	}
	return dst // null and anything not scalar: empty
}

// needsNeutralising reports whether a string cell starting with c is
// prefixed with an apostrophe.
func needsNeutralising(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return true
	}
	return false
}

// appendCell appends s as one RFC 4180 field, after an apostrophe when
// neutralise is set.
func appendCell(dst []byte, neutralise bool, s []byte) []byte {
	quote := false
	for _, c := range s {
		if c == ',' || c == '"' || c == '\r' || c == '\n' {
			quote = true
			break
		}
	}
	if quote {
		dst = append(dst, '"')
	}
	if neutralise {
		dst = append(dst, '\'')
	}
	if !quote {
		return append(dst, s...)
	}
	for _, c := range s {
		if c == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}

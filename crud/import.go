package crud

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
	"github.com/samber/mo"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ImportLimits bound a bulk import.
type ImportLimits struct {
	// MaxBytes bounds the request body (413 beyond); default 10 MiB.
	MaxBytes int64
	// MaxRows bounds the data rows of the file (400 beyond); default
	// 10,000.
	MaxRows int
	// Step spaces the rows' createdAt, so that sorting by creation time
	// keeps the file's order; default one millisecond.
	Step time.Duration
}

func (l ImportLimits) withDefaults() ImportLimits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = 10 << 20
	}
	if l.MaxRows <= 0 {
		l.MaxRows = 10_000
	}
	if l.Step <= 0 {
		l.Step = time.Millisecond
	}
	return l
}

// maxReportedProblems bounds the problems one failed import lists.
const maxReportedProblems = 1000

// RowProblem is one problem of a bulk import's file: its line (the
// header is line 1) and, as in any field-named 400, the field (Location,
// the column's name), the rule and a message.
type RowProblem struct {
	Line int `json:"line"`
	schema.Problem
}

// importErrors are the answers of a failed import.
var (
	errNotMultipart = primitives.ValidationProblems([]schema.Problem{{Location: "body.file", Rule: "required", Message: "must be a CSV file sent as multipart/form-data field \"file\""}})
	errTooLarge     = primitives.StatusError(http.StatusRequestEntityTooLarge, "file too large")
)

// importRow is one validated row, waiting for the insert.
type importRow struct {
	line int
	hash string
	doc  bson.D
}

// bulkImport is POST /{name}/bulk-import: a CSV file in the multipart
// field "file" → true. Every row is read and validated as a create would
// be before anything is written: if any row is bad, the answer is 400
// with every problem by line and field, and nothing is imported. Rows get
// importHash, a hash of the tenant and the row's cells: a row already
// imported is skipped, so importing a file twice adds nothing the second
// time. With an id column, rows keep their ids (a round trip export →
// import gives the same records); other columns the server writes
// (createdAt, the scope field, ...) are ignored.
//
// MongoDB-compatible servers without transactions (FerretDB) cannot
// insert many documents atomically: the rows are inserted after every
// check passed, unordered, in batches. If the insert fails midway (the
// database goes away), some rows are stored; the answer is a 500, and
// sending the same file again stores exactly the missing rows, since the
// stored ones are recognised by their importHash.
func (b *built[T]) bulkImport(r *primitives.Request) mo.Result[bool] {
	g, err := CallerGrants(r).Get()
	if err != nil {
		return mo.Err[bool](err)
	}
	scope, err := b.createScope(r, g)
	if err != nil {
		return mo.Err[bool](err)
	}
	limits := b.res.Import.withDefaults()
	file, err := importFile(r, limits.MaxBytes)
	if err != nil {
		return mo.Err[bool](err)
	}
	rows, err := b.readRows(r, g, scope, file, limits)
	if err != nil {
		return mo.Err[bool](err)
	}
	if err := b.insertRows(r, rows); err != nil {
		return mo.Err[bool](err)
	}
	return mo.Ok(true)
}

// importFile returns the reader of the multipart part "file", within
// maxBytes of body.
func importFile(r *primitives.Request, maxBytes int64) (io.Reader, error) {
	hr := r.HTTP
	mt, _, err := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, errNotMultipart
	}
	hr.Body = http.MaxBytesReader(r.Writer, hr.Body, maxBytes)
	mr, err := hr.MultipartReader()
	if err != nil {
		return nil, errNotMultipart
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			if isTooLarge(err) {
				return nil, errTooLarge
			}
			return nil, errNotMultipart
		}
		if part.FormName() == "file" {
			return part, nil
		}
	}
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// readRows reads and validates the whole file; any problem is a 400
// listing them all (up to maxReportedProblems).
func (b *built[T]) readRows(r *primitives.Request, g *Grants, scope string, file io.Reader, limits ImportLimits) ([]importRow, error) {
	cr := csv.NewReader(file)
	cr.ReuseRecord = true
	var problems []RowProblem
	add := func(line int, p schema.Problem) {
		if len(problems) < maxReportedProblems {
			problems = append(problems, RowProblem{Line: line, Problem: p})
		}
	}
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(err, 1)
	}
	header = append([]string(nil), header...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // a spreadsheet's byte order mark
	}
	cols := make([]field, len(header)) // kind and name; name "" for an ignored column
	idCol := -1
	seen := map[string]bool{}
	for i, h := range header {
		fd, ok := b.fields[h]
		inCSV := false
		for _, c := range b.csv {
			inCSV = inCSV || c.name == h
		}
		switch {
		case !ok || !inCSV:
			add(1, schema.Problem{Location: h, Rule: "unknown", Message: "is not a CSV column of " + b.res.Name + " (" + csvNames(b.csv) + ")"})
		case seen[h]:
			add(1, schema.Problem{Location: h, Rule: "uniqueItems", Message: "is a repeated column"})
		case h == "id":
			idCol = i
		case !fd.meta:
			cols[i] = fd
		}
		seen[h] = true
	}
	if len(problems) > 0 {
		return nil, importProblems(problems)
	}
	now := r.Service.Now()
	var rows []importRow
	hashes := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if isTooLarge(err) {
				return nil, errTooLarge
			}
			return nil, csvError(err, 0)
		}
		line, _ := cr.FieldPos(0)
		if len(rows)+1 > limits.MaxRows {
			return nil, primitives.ValidationProblems([]schema.Problem{{Location: "body.file", Rule: "maxItems",
				Message: "must have at most " + strconv.Itoa(limits.MaxRows) + " rows", Accepted: limits.MaxRows}})
		}
		row, ps := b.readRow(r.Service.ID, g, scope, header, cols, idCol, rec, line)
		for _, p := range ps {
			add(line, p)
		}
		if len(ps) > 0 {
			continue
		}
		if _, dup := hashes[row.hash]; dup {
			continue // the same row twice in one file: stored once
		}
		hashes[row.hash] = len(rows)
		rows = append(rows, row)
	}
	if len(problems) > 0 {
		return nil, importProblems(problems)
	}
	// createdAt counts back from now by Step, so that the last row is the
	// newest: a retry of a failed import stores its remaining rows after
	// the ones already stored, and the file's order survives.
	for i := range rows {
		ts := blocks.Timestamp(now.Add(-time.Duration(len(rows)-1-i) * limits.Step))
		setDoc(rows[i].doc, "createdAt", ts)
		setDoc(rows[i].doc, "updatedAt", ts)
	}
	return b.checkExisting(r, scope, rows)
}

// readRow validates one row as a create and builds its document.
func (b *built[T]) readRow(newID func() string, g *Grants, scope string, header []string, cols []field, idCol int, rec []string, line int) (importRow, []schema.Problem) {
	obj := make(map[string]any, len(cols))
	var ps []schema.Problem
	h := sha256.New()
	h.Write([]byte(scope))
	for i, cell := range rec {
		h.Write([]byte{0x1f})
		h.Write([]byte(header[i]))
		h.Write([]byte{0x1e})
		h.Write([]byte(cell))
		c := cols[i]
		if c.name == "" || cell == "" {
			continue // ignored column, or an empty cell: the field is absent
		}
		v, p := cellValue(c, cell)
		if p != nil {
			ps = append(ps, *p)
			continue
		}
		obj[c.name] = v
	}
	id := ""
	if idCol >= 0 {
		id = rec[idCol]
		if id != "" && !schema.IsUUID(id) {
			ps = append(ps, schema.Problem{Location: "id", Rule: "format", Message: "must be a valid uuid", Accepted: "uuid"})
		}
	}
	if len(ps) > 0 {
		return importRow{}, ps
	}
	checked, _, ps := b.rowChecker().Check(schema.Input{Body: obj, HasBody: true})
	if len(ps) > 0 {
		return importRow{}, trimLoc(ps)
	}
	text, _ := json.Marshal(checked)
	var t T
	if ps := decodeInto(text, &t, ""); len(ps) > 0 {
		return importRow{}, trimLoc(ps)
	}
	if ps := check(&t, ""); len(ps) > 0 {
		return importRow{}, trimLoc(ps)
	}
	if id == "" {
		id = newID()
	}
	hash := hex.EncodeToString(h.Sum(nil))
	rec2 := Record[T]{Meta: Meta{ID: id, CreatedByID: g.IdentityID, UpdatedByID: g.IdentityID, ImportHash: hash}, Scope: scope, Fields: t}
	doc, err := b.document(&rec2)
	if err != nil {
		return importRow{}, []schema.Problem{{Location: "", Rule: "type", Message: err.Error()}}
	}
	return importRow{line: line, hash: hash, doc: doc}, nil
}

// cellValue reads a cell as its field's type. A string cell that starts
// with an apostrophe loses it (export adds one to neutralise formulas).
func cellValue(c field, cell string) (any, *schema.Problem) {
	switch c.kind {
	case kindInt:
		if _, err := strconv.ParseInt(cell, 10, 64); err != nil {
			return nil, &schema.Problem{Location: c.name, Rule: "type", Message: "must be an integer", Accepted: "integer"}
		}
		return json.Number(cell), nil
	case kindFloat:
		if _, err := strconv.ParseFloat(cell, 64); err != nil {
			return nil, &schema.Problem{Location: c.name, Rule: "type", Message: "must be a number", Accepted: "number"}
		}
		return json.Number(cell), nil
	case kindBool:
		v, err := strconv.ParseBool(cell)
		if err != nil {
			return nil, &schema.Problem{Location: c.name, Rule: "type", Message: "must be true or false", Accepted: "boolean"}
		}
		return v, nil
	}
	return strings.TrimPrefix(cell, "'"), nil
}

// trimLoc names a row's problems by column: "body.name" and ".name"
// become "name".
func trimLoc(ps []schema.Problem) []schema.Problem {
	for i := range ps {
		ps[i].Location = strings.TrimPrefix(strings.TrimPrefix(ps[i].Location, "body"), ".")
	}
	return ps
}

// checkExisting drops rows already imported (same importHash) and rows
// whose id is a live record of the import's tenant (scope, not the
// caller's: a caller with global access sees every tenant), and refuses
// (400, by line) rows whose id, or a Unique field, is taken by another
// record (another tenant's, a deleted one): the checks a unique index
// would otherwise make midway through the insert.
func (b *built[T]) checkExisting(r *primitives.Request, scope string, rows []importRow) ([]importRow, error) {
	ctx := r.Context()
	coll := b.collection(r)
	imported := map[string]bool{}
	hashes := make([]string, len(rows))
	for i, row := range rows {
		hashes[i] = row.hash
	}
	for lo := 0; lo < len(hashes); lo += 1000 {
		hi := min(lo+1000, len(hashes))
		vals, err := distinctStrings(ctx, coll, "importHash", bson.D{{Key: "importHash", Value: bson.D{{Key: "$in", Value: hashes[lo:hi]}}}})
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			imported[v] = true
		}
	}
	// Rows whose id is a live record of the import's tenant are there
	// already (a file exported and imported again): skipped, like rows
	// imported before.
	target := bson.D{{Key: "deletedAt", Value: nil}}
	if b.scopeField != "" {
		target = append(target, bson.E{Key: b.scopeField, Value: scope})
	}
	var ids []any
	idRow := map[string]string{}
	for _, row := range rows {
		if id, ok := lookupDoc(row.doc, "id"); ok && !imported[row.hash] {
			ids = append(ids, id)
			idRow[id] = row.hash
		}
	}
	for lo := 0; lo < len(ids); lo += 1000 {
		present, err := distinctStrings(ctx, coll, "id", append(bson.D{{Key: "id", Value: bson.D{{Key: "$in", Value: ids[lo:min(lo+1000, len(ids))]}}}}, target...))
		if err != nil {
			return nil, err
		}
		for _, id := range present {
			imported[idRow[id]] = true
		}
	}
	var problems []RowProblem
	checks := append([]string{"id"}, b.res.Unique...)
	for _, name := range checks {
		byValue := map[string]int{}
		var values []any
		for _, row := range rows {
			if imported[row.hash] {
				continue
			}
			v, ok := lookupDoc(row.doc, name)
			if !ok || v == "" {
				continue
			}
			if first, dup := byValue[v]; dup {
				problems = append(problems, RowProblem{Line: row.line, Problem: schema.Problem{Location: name, Rule: "unique", Message: "repeats line " + strconv.Itoa(first)}})
				continue
			}
			byValue[v] = row.line
			values = append(values, v)
		}
		for lo := 0; lo < len(values); lo += 1000 {
			hi := min(lo+1000, len(values))
			taken, err := distinctStrings(ctx, coll, name, bson.D{{Key: name, Value: bson.D{{Key: "$in", Value: values[lo:hi]}}}})
			if err != nil {
				return nil, err
			}
			for _, v := range taken {
				problems = append(problems, RowProblem{Line: byValue[v], Problem: schema.Problem{Location: name, Rule: "unique", Message: "is already taken"}})
			}
		}
	}
	if len(problems) > 0 {
		return nil, importProblems(problems[:min(len(problems), maxReportedProblems)])
	}
	kept := rows[:0]
	for _, row := range rows {
		if !imported[row.hash] {
			kept = append(kept, row)
		}
	}
	return kept, nil
}

// insertRows stores the rows, unordered, 1000 per command. A row whose
// importHash is already stored (a concurrent import of the same file) is
// not an error.
func (b *built[T]) insertRows(r *primitives.Request, rows []importRow) error {
	coll := b.collection(r)
	docs := make([]any, 0, 1000)
	for lo := 0; lo < len(rows); lo += 1000 {
		docs = docs[:0]
		for _, row := range rows[lo:min(lo+1000, len(rows))] {
			docs = append(docs, row.doc)
		}
		_, err := coll.InsertMany(r.Context(), docs, options.InsertMany().SetOrdered(false))
		if err != nil && !onlyDuplicates(err) {
			return err
		}
	}
	return nil
}

// onlyDuplicates reports whether every write error of an unordered insert
// is a duplicate key (a row stored meanwhile).
func onlyDuplicates(err error) bool {
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
		return false
	}
	for _, we := range bwe.WriteErrors {
		if !mongo.IsDuplicateKeyError(we) {
			return false
		}
	}
	return true
}

func distinctStrings(ctx context.Context, coll *mongo.Collection, field string, filter bson.D) ([]string, error) {
	cur, err := coll.Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "_id", Value: 0}, {Key: field, Value: 1}}))
	if err != nil {
		return nil, err
	}
	defer cur.Close(ctx)
	var out []string
	for cur.Next(ctx) {
		if s, ok := cur.Current.Lookup(field).StringValueOK(); ok {
			out = append(out, s)
		}
	}
	return out, cur.Err()
}

func lookupDoc(d bson.D, key string) (string, bool) {
	for _, e := range d {
		if e.Key == key {
			switch v := e.Value.(type) {
			case string:
				return v, true
			case bson.RawValue:
				return v.StringValueOK()
			}
			return "", false
		}
	}
	return "", false
}

func setDoc(d bson.D, key string, v any) {
	for i := range d {
		if d[i].Key == key {
			d[i].Value = v
			return
		}
	}
}

func csvNames(fs []field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// csvError is the 400 of a file that is not CSV.
func csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.Line
	}
	if err == io.EOF {
		return importProblems([]RowProblem{{Line: 1, Problem: schema.Problem{Location: "header", Rule: "required", Message: "the file is empty: it needs a header row"}}})
	}
	return importProblems([]RowProblem{{Line: line, Problem: schema.Problem{Location: "file", Rule: "format", Message: "is not valid CSV: " + err.Error(), Accepted: "text/csv"}}})
}

// importProblems is the 400 of a rejected file.
func importProblems(ps []RowProblem) error {
	return &primitives.Error{Status: http.StatusBadRequest, Message: "Validation Error", Data: ps}
}

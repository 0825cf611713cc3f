package crud

import (
	"bytes"
	"encoding/json"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Meta are the fields every record has and only the resource writes: a
// client that sends one of them in a body gets a 400.
type Meta struct {
	// ID is the record's id, a UUID v4 string.
	ID string `bson:"id" json:"id"`
	// CreatedAt and UpdatedAt are ISO 8601 UTC timestamps with
	// milliseconds ("2026-12-02T01:35:00.000Z"), which sort as strings.
	CreatedAt string `bson:"createdAt" json:"createdAt"`
	UpdatedAt string `bson:"updatedAt" json:"updatedAt"`
	// CreatedByID and UpdatedByID are the identities of the verified
	// callers that wrote the record.
	CreatedByID string `bson:"createdById" json:"createdById"`
	UpdatedByID string `bson:"updatedById" json:"updatedById"`
	// DeletedAt is set by a (soft) delete; a deleted record disappears
	// from every read until restored. Stored as null while live.
	DeletedAt *string `bson:"deletedAt" json:"deletedAt"`
	// ImportHash identifies the CSV row a record was imported from (a
	// hash of the tenant and the row's content), so that a second import
	// of the same row adds nothing. Absent on records created otherwise.
	ImportHash string `bson:"importHash,omitempty" json:"-"`
}

// metaFields are Meta's names, which T may not use and a body may not
// write.
var metaFields = []string{"id", "createdAt", "updatedAt", "createdById", "updatedById", "deletedAt", "importHash"}

// Record is one stored record of a resource: its Meta, its tenant (the
// value of the resource's ScopeField, "" when unscoped) and its fields.
// It is answered as one flat JSON object: {"id", T's fields, the scope
// field, "createdAt", ...}.
type Record[T any] struct {
	Meta   `bson:",inline"`
	Scope  string `bson:"-"`
	Fields T      `bson:",inline"`

	scopeField string // the JSON name of Scope, "" for none
}

// MarshalJSON writes the record flat: id, the fields of T, the scope
// field, then the rest of Meta.
func (rec Record[T]) MarshalJSON() ([]byte, error) {
	fields, err := json.Marshal(rec.Fields)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"id":`)
	writeJSONString(&b, rec.ID)
	if inner := bytes.TrimSpace(fields); len(inner) > 2 {
		b.WriteByte(',')
		b.Write(inner[1 : len(inner)-1])
	}
	if rec.scopeField != "" {
		b.WriteByte(',')
		writeJSONString(&b, rec.scopeField)
		b.WriteByte(':')
		writeJSONString(&b, rec.Scope)
	}
	meta, err := json.Marshal(struct {
		CreatedAt   string  `json:"createdAt"`
		UpdatedAt   string  `json:"updatedAt"`
		CreatedByID string  `json:"createdById"`
		UpdatedByID string  `json:"updatedById"`
		DeletedAt   *string `json:"deletedAt"`
	}{rec.CreatedAt, rec.UpdatedAt, rec.CreatedByID, rec.UpdatedByID, rec.DeletedAt})
	if err != nil {
		return nil, err
	}
	b.WriteByte(',')
	b.Write(meta[1:])
	return b.Bytes(), nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

// encodeBSON marshals v with T's json names (bson tags win when present).
func encodeBSON(v any) (bson.Raw, error) {
	var buf bytes.Buffer
	vw := bson.NewDocumentWriter(&buf)
	enc := bson.NewEncoder(vw)
	enc.UseJSONStructTags()
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bson.Raw(buf.Bytes()), nil
}

// decodeBSON unmarshals raw into v with T's json names.
func decodeBSON(raw bson.Raw, v any) error {
	dec := bson.NewDecoder(bson.NewDocumentReader(bytes.NewReader(raw)))
	dec.UseJSONStructTags()
	return dec.Decode(v)
}

// decodeRecord reads a stored document into a Record of the resource.
func (b *built[T]) decodeRecord(raw bson.Raw) (Record[T], error) {
	var rec Record[T]
	if err := decodeBSON(raw, &rec); err != nil {
		return rec, err
	}
	rec.scopeField = b.scopeField
	if b.scopeField != "" {
		rec.Scope, _ = raw.Lookup(b.scopeField).StringValueOK()
	}
	return rec, nil
}

// document is the stored form of rec: its Meta and fields, plus the
// scope field.
func (b *built[T]) document(rec *Record[T]) (bson.D, error) {
	raw, err := encodeBSON(rec)
	if err != nil {
		return nil, err
	}
	elems, err := raw.Elements()
	if err != nil {
		return nil, err
	}
	doc := make(bson.D, 0, len(elems)+1)
	for _, e := range elems {
		doc = append(doc, bson.E{Key: e.Key(), Value: e.Value()})
	}
	if b.scopeField != "" {
		doc = append(doc, bson.E{Key: b.scopeField, Value: rec.Scope})
	}
	return doc, nil
}

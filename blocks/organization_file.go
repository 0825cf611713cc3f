package blocks

import (
	"bytes"
	"encoding/json"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// OptionalFile is a file reference that may be absent, null or set: the
// reference echoes a logo as stored, so "logo": null must stay null and a
// missing logo must stay missing.
type OptionalFile struct {
	// File is the reference; nil when absent or null.
	File *File
	// Null is true when the field is present and null.
	Null bool
}

// SomeFile returns an OptionalFile holding f (null when f is nil).
func SomeFile(f *File) OptionalFile { return OptionalFile{File: f, Null: f == nil} }

// IsZero reports whether the field is absent; bson omitempty and json
// omitzero use it to leave it out.
func (o OptionalFile) IsZero() bool { return o.File == nil && !o.Null }

// MarshalBSONValue writes null or the file.
func (o OptionalFile) MarshalBSONValue() (byte, []byte, error) {
	if o.File == nil {
		return byte(bson.TypeNull), nil, nil
	}
	t, b, err := bson.MarshalValue(o.File)
	return byte(t), b, err
}

// UnmarshalBSONValue reads null or a file.
func (o *OptionalFile) UnmarshalBSONValue(t byte, data []byte) error {
	if bson.Type(t) == bson.TypeNull || bson.Type(t) == bson.TypeUndefined {
		*o = OptionalFile{Null: true}
		return nil
	}
	var f File
	if err := bson.UnmarshalValue(bson.Type(t), data, &f); err != nil {
		return err
	}
	*o = OptionalFile{File: &f}
	return nil
}

// MarshalJSON writes null or the file.
func (o OptionalFile) MarshalJSON() ([]byte, error) {
	if o.File == nil {
		return []byte("null"), nil
	}
	return json.Marshal(o.File)
}

// UnmarshalJSON reads null or a file (a request body's logo).
func (o *OptionalFile) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*o = OptionalFile{Null: true}
		return nil
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*o = OptionalFile{File: &f}
	return nil
}

package store

// Record is the identity and the timestamps of a stored document. Embed it
// in a document type, inline:
//
//	type Note struct {
//		store.Record `bson:",inline"`
//		Title        string `json:"title"`
//	}
//
// and [Insert] sets ID (a UUID v4 from the caller's generator), CreatedAt
// and UpdatedAt, and [Update] refreshes UpdatedAt. The `bson:",inline"` tag
// is required: encoding/json flattens an embedded struct by itself, the
// BSON encoder only when told, and the store refuses a type whose BSON
// layout would differ from its JSON (ErrInvalid), rather than store a
// nested "record" document.
//
// Timestamps are strings in JavaScript's toISOString form
// ("2026-11-21T23:36:54.956Z", see blocks.Timestamp), like every
// Blockyard collection's, so they sort as strings and read the same in
// JSON and in the database.
type Record struct {
	// ID is the document's key, a UUID v4; not MongoDB's _id.
	ID string `json:"id" bson:"id"`
	// CreatedAt is when Insert stored the document.
	CreatedAt string `json:"createdAt" bson:"createdAt"`
	// UpdatedAt is when the document was last written.
	UpdatedAt string `json:"updatedAt" bson:"updatedAt"`
}

// record gives Insert and Update access to the embedded Record of a
// document type; a pointer to any struct that embeds Record has it.
func (r *Record) record() *Record { return r }

// recorded is implemented by *T when T embeds Record.
type recorded interface{ record() *Record }

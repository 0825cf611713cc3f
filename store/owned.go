package store

// Owned is a [Record] that belongs to one user: its id, its timestamps
// and its owner. Embed it inline, instead of Record, in a document type
// that a [Collection] with an Owner keeps:
//
//	type Note struct {
//		store.Owned `bson:",inline"`
//		Title       string `json:"title"`
//	}
//
// and the collection's bound Insert sets OwnerID to the caller, and its
// other blocks see only the caller's documents. OwnerID is read-only: a
// request body that sets it is refused (see package model), so a client
// can neither create a document for someone else nor move one.
type Owned struct {
	Record `bson:",inline"`
	// OwnerID is the identity that created the document.
	OwnerID string `json:"ownerId" bson:"ownerId" readOnly:"true"`
}

// ownerField is the JSON (and BSON) name of Owned's field.
const ownerField = "ownerId"

// owned gives a bound Insert access to the embedded Owned of a document
// type; a pointer to any struct that embeds Owned has it.
func (o *Owned) owned() *Owned { return o }

type owner interface{ owned() *Owned }

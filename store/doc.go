// Package store is a set of generic MongoDB blocks for any document type:
// find by id, find one, find a page, count, insert, update the fields a
// client sent, delete. Each is a plain function of a context, a
// *mongo.Collection and typed values that returns a samber/mo Result, so
// it composes in a route's pipeline like Blockyard's own blocks, and each
// failure is a *primitives.Error with a kind the route's ErrorMap turns
// into a status.
//
// # Documents
//
// A document type is a struct keyed by a string field named id (a UUID
// v4), like every Blockyard collection, not by MongoDB's _id. Embed
// [Record] inline to have [Insert] set the id and the createdAt and
// updatedAt timestamps, and [Update] refresh updatedAt:
//
//	type Note struct {
//		store.Record `bson:",inline"`
//		Title        string `json:"title"`
//		Status       string `json:"status"`
//		OwnerID      string `json:"ownerId"`
//	}
//
// A field has one name, its json tag's, in the API and in the database:
// the store reads and writes with the BSON encoder's JSON-tag fallback, so
// models need no bson tags, and it refuses ([ErrInvalid]), the first time
// it meets a type, one whose BSON names would differ from its JSON names
// (a bson tag naming another field, an untagged field, an embedded struct
// without `bson:",inline"`). The check runs once per type, not per
// request.
//
// # Queries
//
// [Filter] and [Sort] are typed by the document: [Eq], [In], [Gt] and the
// others take a field path of T and a value of a scalar type ([Value]),
// so a misspelt field is an error rather than an empty result, and a
// client's value can never carry a query operator. They use only the
// operators MongoDB and FerretDB 1.24 answer alike
// (docs/mongo-portable.md). [Raw] wraps a bson.D for anything else. A
// [Sort] always ends with id, so pages never repeat or skip documents.
// [FindPage] reads a page; [FindAll] reads a list answered whole, up to a
// limit the caller sets (at most [MaxFindAll]) and refused with
// [TooMany], never cut short, past it.
//
// # Errors
//
// [NotFound] (kind [ErrNotFound]) is a document that does not exist or
// lies outside the scope filters a block was given (an owner, a tenant):
// the two are not told apart. [Duplicate] (kind [ErrConflict]) is a write
// refused by a unique index; its Data is a [Conflict] naming that index's
// fields, the same on MongoDB and on FerretDB. [Invalid] (kind
// [ErrInvalid]) is a query or write refused before it was sent, and
// [Failure] (kind [ErrDatabase]) a database failure. A route maps them:
//
//	var noteErrors = primitives.ErrorMap{
//		{Kind: store.ErrNotFound, Status: http.StatusNotFound},
//		{Kind: store.ErrConflict, Status: http.StatusConflict},
//	}
//
// An ErrorMap sends a kind error's message and drops its Data, so a
// conflict's message names the fields too: "A document with this slug
// already exists". An entry may rename the message for its route and keep
// the Data: {Kind: store.ErrNotFound, Status: 404, Message: "Note not
// found"}, {Kind: store.ErrConflict, Status: 409, KeepData: true} (the
// client then gets the [Conflict]'s fields).
//
// # A resource
//
// The blocks take what a route has: the request's context, a collection,
// the service's clock and id generator, the body bound by
// primitives/model. Create and update a note owned by the caller:
//
//	// POST /notes, Schema: model.Body[NoteInput]()
//	primitives.Then(model.Bind[NoteInput](r), func(in NoteInput) mo.Result[Note] {
//		return store.Insert(r.Context(), notes, Note{NoteInput: in, OwnerID: caller}, r.Service.Now(), r.Service.ID)
//	})
//
//	// PATCH /notes/{id}, Schema: model.PatchBody[NoteInput](idParam)
//	primitives.Then(model.BindPatch[NoteInput](r), func(p model.Patch[NoteInput]) mo.Result[Note] {
//		return store.UpdateFields(r.Context(), notes, r.PathValue("id"), Note{NoteInput: p.Value}, p.Fields,
//			r.Service.Now(), store.Eq[Note]("ownerId", caller))
//	})
//
// where Note embeds store.Record and NoteInput inline. The scope filter
// (store.Eq on ownerId) makes another owner's note a [NotFound]. Create
// the indexes once, in the routes' Setup, with [EnsureIndexes]: it always
// adds the unique index on id that every by-id block uses.
package store

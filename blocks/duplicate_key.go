package blocks

import "github.com/blockyard/blockyard/store"

// IsDuplicateKey reports whether err is a unique-index violation, on
// MongoDB (E11000, on inserts and updates alike) and on FerretDB, whose
// updates report a server error "UNIQUE constraint failed" (code 1)
// instead (see docs/mongo-portable.md). It is store.IsDuplicateKey, which
// holds the implementation: the generic store must not import this
// nodeblocks domain package, so the shared machinery lives there.
func IsDuplicateKey(err error) bool { return store.IsDuplicateKey(err) }

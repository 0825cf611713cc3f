package store

import (
	"errors"
	"strings"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// IsDuplicateKey reports whether err, a driver error, is a unique-index
// violation, on MongoDB (E11000, on inserts and updates alike) and on
// FerretDB, whose updates report a server error "UNIQUE constraint
// failed" (code 1) instead (see docs/mongo-portable.md). The store's own
// blocks turn such an error into a Duplicate; use IsDuplicateKey on the
// error of a driver call made by hand.
func IsDuplicateKey(err error) bool {
	if err == nil {
		return false
	}
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	var se mongo.ServerError
	return errors.As(err, &se) && strings.Contains(se.Error(), "UNIQUE constraint failed")
}

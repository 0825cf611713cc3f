package main

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
)

// The app's errors. Their messages are the original's; their statuses are
// the routes' (see apiErrors).
var (
	kindNotFound  = primitives.NewKind("NotFound", primitives.KindBlock)
	kindDuplicate = primitives.NewKind("Duplicate", primitives.KindBlock)

	errOrganizationNotFound = primitives.NewError(kindNotFound, "Organization not found")
	errUserNotFound         = primitives.NewError(kindNotFound, "User not found")
	// errDuplicate is the answer to a create or an update that would give
	// two organizations one e-mail or one slug. The original answered a
	// raw database error on update; both now answer this.
	errDuplicate = primitives.NewError(kindDuplicate, "Email or slug already in use.")
)

// apiErrors is every route's error map: the app's routes share their
// kinds, so one table serves them all.
var apiErrors = primitives.ErrorMap{
	{Kind: kindNotFound, Status: http.StatusNotFound},
	{Kind: kindDuplicate, Status: http.StatusBadRequest},
	{Kind: kindBadSlug, Status: http.StatusBadRequest},
}

// envelope answers the app's errors as the original did,
// {"message": "..."}, plus "data" when the error has some (the field
// problems of a validation error). Successes are the bare value.
var envelope = primitives.EnvelopeFuncs{FailureFunc: func(e *primitives.Error) any {
	return struct {
		Message string `json:"message"`
		Data    any    `json:"data,omitempty"`
	}{e.Message, e.Data}
}}

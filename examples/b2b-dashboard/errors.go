package main

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
)

// The error-map entries of the app's routes: the store's errors answered
// with the original's messages. Each route lists the ones it can answer,
// so that its API document lists no other.
var (
	orgNotFound  = primitives.ErrorStatus{Kind: store.ErrNotFound, Status: http.StatusNotFound, Message: "Organization not found"}
	userNotFound = primitives.ErrorStatus{Kind: store.ErrNotFound, Status: http.StatusNotFound, Message: "User not found"}
	// duplicate: an e-mail or a slug already taken is the original's 400,
	// on update as on create (the original answered a raw database error
	// on update), with the field in data: {"fields": ["email"]}.
	duplicate = primitives.ErrorStatus{Kind: store.ErrConflict, Status: http.StatusBadRequest, Message: "Email or slug already in use.", KeepData: true}
	badSlug   = primitives.ErrorStatus{Kind: kindBadSlug, Status: http.StatusBadRequest}
	// tooMany: a list without pages that would hold more than maxUnpaged
	// items.
	tooMany = primitives.ErrorStatus{Kind: store.ErrTooMany, Status: http.StatusBadRequest,
		Message: "Too many to list at once: ask for a page (?page=1&limit=100)."}
)

// envelope answers the app's errors as the original did,
// {"message": "..."}, plus "data" when the error has some (the field
// problems of a validation error). Successes are the bare value.
var envelope = primitives.EnvelopeFuncs{FailureFunc: func(e *primitives.Error) any {
	return struct {
		Message string `json:"message"`
		Data    any    `json:"data,omitempty"`
	}{e.Message, e.Data}
}}

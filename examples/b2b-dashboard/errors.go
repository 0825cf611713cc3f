package main

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/store"
)

// tooMany answers a list without pages that would hold more than
// maxUnpaged items.
var tooMany = primitives.ErrorStatus{Kind: store.ErrTooMany, Status: http.StatusBadRequest,
	Message: "Too many to list at once: ask for a page (?page=1&limit=100)."}

// orgErrors is the error map of the routes about one organization, or
// the list of them: the store's errors answered with the original's
// messages. A duplicate e-mail or slug is the original's 400 on create and
// on update alike (it answered a raw database error on update), with the
// offending field in data ({"fields": ["email"]}).
var orgErrors = primitives.ErrorMap{
	{Kind: store.ErrNotFound, Status: http.StatusNotFound, Message: "Organization not found"},
	{Kind: store.ErrConflict, Status: http.StatusBadRequest, Message: "Email or slug already in use.", KeepData: true},
	{Kind: kindBadSlug, Status: http.StatusBadRequest},
	tooMany,
}

// userErrors is the error map of the routes about one user, or the list
// of them.
var userErrors = primitives.ErrorMap{
	{Kind: store.ErrNotFound, Status: http.StatusNotFound, Message: "User not found"},
	tooMany,
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

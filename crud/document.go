package crud

import (
	"net/http"

	"github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/schema"
)

// What the generated routes tell an API document beyond their schemas and
// error maps (package openapi): the multipart body of a bulk import, and
// the status errors their blocks return. None of it changes an answer.

// importForm is the body of POST /{name}/bulk-import, which the handler
// reads itself (Route.Form).
var importForm = schema.Object(schema.Prop("file", schema.String().Format("binary").Description(
	"the CSV file: a header row naming the resource's CSV columns, then one record per row; "+
		"an id column keeps the records' ids"))).Required("file")

// validationFailure is the status and message of a 400 with field-named
// problems, for the document (the answers carry the problems as data).
var validationFailure = primitives.StatusError(http.StatusBadRequest, "Validation Error")

// importErrors are the status errors of a bulk import besides its scope's:
// a body that is not a multipart "file" or bad rows (400, by line and
// field), a file over ImportLimits.MaxBytes (413).
var importErrors = []*primitives.Error{validationFailure, errTooLarge}

// importParams declares the query parameter of a bulk import: the
// organization to import into, for a resource scoped by a field.
func (b *built[T]) importParams() *schema.Request {
	if b.scopeField == "" {
		return nil
	}
	return &schema.Request{Mode: schema.Strict, Params: []schema.Param{{Name: b.scopeField, In: schema.Query, Schema: schema.String().
		Description("the organization to import into; only a caller with global access may name one other than its own")}}}
}

// scopeErrors are the 403s of choosing where a record is created (see
// createScope): a tenant table created by a caller without global access,
// a caller without it naming another organization, or one with no
// organization of its own.
func (b *built[T]) scopeErrors() []*primitives.Error {
	var es []*primitives.Error
	if b.res.ScopeSelf {
		es = append(es, ErrForbidden)
	}
	if b.scopeField != "" {
		es = append(es, errTenantParam, errNoTenant)
	}
	return es
}

// conflictErrors is the 409 of a write that breaks a Unique field.
func (b *built[T]) conflictErrors() []*primitives.Error {
	if len(b.res.Unique) == 0 {
		return nil
	}
	return []*primitives.Error{primitives.StatusError(http.StatusConflict, b.res.Name+" conflicts with an existing record")}
}

// readOnlyGuard is rejectReadOnly, described: a 400 with field-named
// problems.
func (b *built[T]) readOnlyGuard() primitives.Validator {
	return primitives.DescribeValidator(b.rejectReadOnly, primitives.Refusal{Errors: []*primitives.Error{validationFailure}})
}

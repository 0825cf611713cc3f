// Command quickstart is a notes API with accounts in one file, nothing to install: go run ./examples/quickstart
package main

import (
	"github.com/blockyard/blockyard/app"
	"github.com/blockyard/blockyard/app/embedded"
	"github.com/blockyard/blockyard/features"
	p "github.com/blockyard/blockyard/primitives"
	"github.com/blockyard/blockyard/primitives/model"
	"github.com/blockyard/blockyard/store"
	"github.com/blockyard/blockyard/terminators"
	"github.com/blockyard/blockyard/validators"
	"github.com/samber/mo"
)

type Note struct { // written once: stored as it is, validated and bound from bodies, answered
	store.Owned `bson:",inline"` // id, createdAt, updatedAt and ownerId: set by the server
	Title       string           `json:"title" validate:"required,max=200"`
	Body        string           `json:"body,omitempty" validate:"omitempty,max=10000"`
	Status      string           `json:"status" validate:"oneof=draft done" default:"draft"`
}

var notes = store.Collection[Note]{Name: "notes", Owner: validators.IdentityID, Order: store.OrderBy[Note]("-createdAt")}
var user, ok, created = []p.Validator{validators.IsAuthenticated}, terminators.JSON(200, store.Errors), terminators.JSON(201, store.Errors)
var api = p.Feature{Name: "notes", Setup: []*p.Setup{notes.Setup()}, Routes: []p.Route{ // a caller's own notes
	{Method: "POST", Path: "/notes", Validators: user, Schema: model.Body[Note](), Handler: p.Handle(create, created)},
	{Method: "GET", Path: "/notes", Validators: user, Schema: model.Paged(100), Handler: p.Handle(list, ok)},
	{Method: "GET", Path: "/notes/{id}", Validators: user, Handler: p.Handle(get, ok)},
	{Method: "PATCH", Path: "/notes/{id}", Validators: user, Schema: model.PatchBody[Note](), Handler: p.Handle(update, ok)},
	{Method: "DELETE", Path: "/notes/{id}", Validators: user, Handler: p.Handle(remove, ok)},
}}

func create(r *p.Request) mo.Result[Note]        { return p.Then(model.Bind[Note](r), notes.In(r).Insert) }
func list(r *p.Request) mo.Result[p.Paged[Note]] { return notes.In(r).List(p.PageFromQuery(r.Query())) }
func get(r *p.Request) mo.Result[Note]           { return notes.In(r).FindByID(r.PathValue("id")) }
func remove(r *p.Request) mo.Result[Note]        { return notes.In(r).Delete(r.PathValue("id")) }
func update(r *p.Request) mo.Result[Note] {
	return p.Then(model.BindPatch[Note](r), notes.In(r).Patch(r.PathValue("id")))
}
func main() { app.Main(app.Options{Embedded: embedded.Open}, app.Features(features.Auth(), api)) }

// Package terminators holds the last step of a route: turning the outcome
// of its pipeline, a value or an error, into an HTTP response.
//
// # Overview
//
// A terminator is a primitives.Terminator. [JSON] answers a value with a
// status and its JSON encoding; [Empty] answers a status without a body
// (204 for updates and deletes). Both resolve an error through the route's
// primitives.ErrorMap: a kind the map lists takes the mapped status (its
// data is dropped), an error that carries a status keeps it, anything else
// is a 500 with "data": []. The route's envelope then shapes the body.
//
// Terminators are not generic: primitives.Handle unwraps the pipeline's
// Result, so the handler states the result type once and a terminator
// value answers a pipeline of any type.
//
//	primitives.Route{
//		Method:  http.MethodGet,
//		Path:    "/things/{id}",
//		Handler: primitives.Handle(getThing, terminators.JSON(http.StatusOK, primitives.ErrorMap{
//			{Kind: KindThingNotFound, Status: http.StatusNotFound},
//		})),
//	}
//
// # Choosing how to declare an error
//
// Give an error a kind (primitives.NewKind, primitives.NewError) when its
// status depends on the route, and list the kind in each route's ErrorMap;
// give it a status (primitives.StatusError) when it means the same on every
// route, such as a 404 for a document that does not exist.
package terminators

// Package terminators holds the last step of a route: turning the final
// Result of a pipeline into an HTTP response.
//
// A terminator writes the success status and body, or resolves the error
// through the route's ErrorMap (the reference's orThrow): mapped kinds take
// the mapped status and lose their data, errors that carry a status keep it,
// anything else is a 500 with "data": [].
//
//	primitives.Route{
//		Method:  http.MethodGet,
//		Path:    "/things/{id}",
//		Handler: primitives.Handle(getThing, terminators.JSON(http.StatusOK, primitives.ErrorMap{
//			{Kind: KindThingNotFound, Status: http.StatusNotFound},
//		})),
//	}
package terminators

// Package routes holds Blockyard's routes: one exported primitives.Route per
// endpoint, each showing on one screen which validators guard it, which
// blocks its pipeline runs and how its terminator maps errors to statuses.
// Routes carry no schema; package features pairs each with its request
// schema and the indexes it needs.
package routes

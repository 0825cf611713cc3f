// Package blocks holds Blockyard's blocks: plain functions with explicit
// inputs, no HTTP. A block takes a context, the collections and values it
// needs (the clock's time, an id generator) and returns a mo.Result; its
// errors are *primitives.Error values whose kind (or own status) the
// calling route maps to a response. Blocks are tested alone against a real
// database.
package blocks

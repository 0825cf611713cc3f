package schema

// Mode returns the Request's Mode the Validator was compiled with.
func (v *Validator) Mode() Mode { return v.mode }

// Check validates a request in the Strict or Coerce mode and returns the
// body the handler must see (defaults inserted, and in Coerce mode
// scalars coerced), whether any value of it was coerced (inserting a
// default does not count), and the problems found, in a stable order
// (path parameters, query parameters, then the body in declaration
// order). len(problems) == 0 means valid. On a Validator compiled in AJV
// mode it reports the AJV messages as problems at location "request".
func (v *Validator) Check(in Input) (body any, coerced bool, problems []Problem) {
	panic("TODO")
}

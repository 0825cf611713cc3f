package validators

import (
	"encoding/json"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/primitives"
	"github.com/samber/mo"
)

// memberEntry is one entry of a members upsert body as the members
// validators read it, before the schema has checked it. A field is set
// only when the entry is an object that has it under its exact name with a
// string value, as the reference reads entry.identityId and entry.role;
// anything else (another name's case, a number, null) leaves it unset.
type memberEntry struct {
	IdentityID, Role       string
	hasIdentityID, hasRole bool
}

// UnmarshalJSON reads one entry; a value that is not an object (or null)
// is an error, so the body is not a members list.
func (e *memberEntry) UnmarshalJSON(b []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return err
	}
	e.IdentityID, e.hasIdentityID = jsonString(fields["identityId"])
	e.Role, e.hasRole = jsonString(fields["role"])
	return nil
}

// jsonString returns the string a JSON value holds, false for any other
// value or none.
func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	return s, json.Unmarshal(raw, &s) == nil
}

// membersBodyKey remembers the members body, which HasOrgRoleAssignmentPermission
// and HasOrgOwnerRemainingAfterMembersUpsert both read.
var membersBodyKey = primitives.NewKey[[]memberEntry]("members body")

// requestedMembers returns the members a members upsert body names, read
// once per request through primitives.Bind: false unless the body is an
// array of objects each with a string role and, when needID, a string
// identityId (the validators then answer 400 "Missing or invalid
// members"). An entry without an identityId (needID false) has the empty
// id.
func requestedMembers(r *primitives.Request, needID bool) ([]blocks.Member, bool) {
	entries, err := membersBodyKey.Once(r, func() mo.Result[[]memberEntry] { return primitives.Bind[[]memberEntry](r) }).Get()
	if err != nil {
		return nil, false
	}
	out := make([]blocks.Member, 0, len(entries))
	for _, e := range entries {
		if !e.hasRole || needID && !e.hasIdentityID {
			return nil, false
		}
		out = append(out, blocks.Member{IdentityID: e.IdentityID, Role: e.Role})
	}
	return out, true
}

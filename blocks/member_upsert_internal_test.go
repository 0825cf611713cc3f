package blocks

import (
	"errors"
	"strconv"
	"testing"
)

// TestMembersCapRefusesGrowthOnly: the cap refuses a members list that
// grows above MaxOrganizationMembers and nothing else. (The HTTP test,
// features TestOrganizationMembersCap, needs a 10,000-member document and
// does not run under the race detector; this one does.)
func TestMembersCapRefusesGrowthOnly(t *testing.T) {
	members := func(n int) []Member {
		out := make([]Member, n)
		for i := range out {
			out[i] = Member{IdentityID: strconv.Itoa(i), Role: "member"}
		}
		return out
	}
	max := MaxOrganizationMembers
	for _, tt := range []struct {
		before, after int
		refused       bool
	}{
		{0, 1, false},
		{max - 1, max, false},
		{max, max, false},
		{max - 1, max + 1, true},
		{max, max + 1, true},
		{max + 5, max + 5, false}, // stored above the cap: re-roling still works
		{max + 5, max + 6, true},
	} {
		err := checkMembersCap(members(tt.before), members(tt.after))
		if got := errors.Is(err, ErrTooManyMembers); got != tt.refused {
			t.Errorf("%d → %d members: %v, want refused=%v", tt.before, tt.after, err, tt.refused)
		}
	}
	if ErrTooManyMembers.Status != 409 || ErrTooManyMembers.Message != "An organization cannot have more than 10000 members" {
		t.Errorf("ErrTooManyMembers = %d %q", ErrTooManyMembers.Status, ErrTooManyMembers.Message)
	}
}

package blocks_test

import (
	"fmt"

	"github.com/blockyard/blockyard/blocks"
	"github.com/blockyard/blockyard/nodeblocks"
	"github.com/blockyard/blockyard/primitives"
)

// Blocks compose into pipelines: here the inherited role of an identity in
// a grandchild organization, computed from its ancestors (no database: the
// organizations are given).
func Example() {
	roles := nodeblocks.Config{}.Defaults().OrganizationRoles
	root := &blocks.Organization{ID: "root", Members: []blocks.Member{{IdentityID: "ann", Role: "owner"}}}
	child := &blocks.Organization{ID: "child", Ancestors: blocks.CalculateChildAncestors(root), Members: []blocks.Member{{IdentityID: "ann", Role: "member"}}}
	grandchild := &blocks.Organization{ID: "grandchild", Ancestors: blocks.CalculateChildAncestors(child)}

	role := blocks.CalculateMemberRole(grandchild, []*blocks.Organization{root, child}, "ann", roles)
	described := primitives.Map(role, func(m blocks.MemberRole) string {
		return fmt.Sprintf("%s (inherited from %v)", m.Role, *m.InheritedFrom)
	})
	fmt.Println(grandchild.Ancestors)
	fmt.Println(described.OrElse("no role"))

	none := blocks.CalculateMemberRole(grandchild, nil, "bob", roles)
	fmt.Println(none.Error())
	// Output:
	// [root child]
	// owner (inherited from root)
	// No role found for member
}

package files_test

import (
	"fmt"
	"strings"

	"github.com/blockyard/blockyard/primitives/files"
)

// An upload-URL route issues an object id bound to the document it is for;
// the route that later attaches the id to a document checks the binding
// without a database lookup, and names the stored object from the id and
// the content type.
func ExampleObjectIDs() {
	const logo files.Purpose = "shop logo"
	ids := files.NewObjectIDs([]byte(strings.Repeat("k", 32))) // use 32 random bytes

	id := ids.Issue(logo, "shop-1")
	fmt.Println("for shop-1:", ids.Verify(logo, "shop-1", id))
	fmt.Println("for shop-2:", ids.Verify(logo, "shop-2", id))
	fmt.Println("for another purpose:", ids.Verify("shop banner", "shop-1", id))
	fmt.Println("unbound id:", ids.Verify(logo, "shop-1", files.NewObjectID()))

	name := files.ObjectName(id, "image/png")
	fmt.Println("object name:", strings.TrimPrefix(name, id))
	// Output:
	// for shop-1: true
	// for shop-2: false
	// for another purpose: false
	// unbound id: false
	// object name: .png
}

// Extension gives the file extension objects of a content type are stored
// with; an unknown type has none.
func ExampleExtension() {
	for _, ct := range []string{"image/PNG; q=1", "application/pdf", "application/x-unknown"} {
		ext, ok := files.Extension(ct)
		fmt.Printf("%q %q %v\n", ct, ext, ok)
	}
	// Output:
	// "image/PNG; q=1" "png" true
	// "application/pdf" "pdf" true
	// "application/x-unknown" "" false
}

package exampletest_test

import (
	"fmt"

	"github.com/blockyard/blockyard/internal/exampletest"
)

func ExampleLog() {
	l := exampletest.NewLog()
	fmt.Fprintln(l, `{"msg":"starting"}`)
	fmt.Fprintln(l, `{"msg":"listening","addr":"127.0.0.1:41234"}`)
	fmt.Println(<-l.Listening())
	// Output: 127.0.0.1:41234
}

package blockyardtest_test

import (
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

func TestExample(t *testing.T) { testGreetings(t) }

package ops_test

import (
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

func TestMain(m *testing.M) { blockyardtest.Main(m) }

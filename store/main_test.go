package store_test

import (
	"testing"

	"github.com/blockyard/blockyard/primitives/blockyardtest"
)

// TestMain stops the shared test database server after the package's tests.
func TestMain(m *testing.M) { blockyardtest.Main(m) }

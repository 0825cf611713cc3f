package files_test

import (
	"testing"

	"github.com/blockyard/blockyard/primitives/files"
)

func BenchmarkObjectIDs(b *testing.B) {
	ids := files.NewObjectIDs([]byte("0123456789abcdef0123456789abcdef"))
	id := ids.Issue("logo", "0b6b1d9e-4a5c-4f8e-9a77-3c1f2a4d5e6f")
	b.Run("Issue", func(b *testing.B) {
		for b.Loop() {
			ids.Issue("logo", "0b6b1d9e-4a5c-4f8e-9a77-3c1f2a4d5e6f")
		}
	})
	b.Run("Verify", func(b *testing.B) {
		for b.Loop() {
			if !ids.Verify("logo", "0b6b1d9e-4a5c-4f8e-9a77-3c1f2a4d5e6f", id) {
				b.Fatal("refused")
			}
		}
	})
}

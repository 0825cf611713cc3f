package app

import (
	"io"
	"log/slog"
	"os"

	"github.com/blockyard/blockyard/primitives"
)

// NewLogger returns the logger [Main] uses: text to a terminal, where
// people read it, and JSON anywhere else, where log collectors parse it,
// at level and above. Attributes that name secrets (password, token,
// e-mail...) are redacted whatever logs them.
func NewLogger(w io.Writer, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if isTerminal(w) {
		h = slog.NewTextHandler(w, opts)
	}
	return slog.New(primitives.NewRedactingHandler(h))
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

//go:build !linux && !darwin

package app

import (
	"context"
	"errors"
	"os"
)

// readPassword refuses to prompt where this example cannot turn off the
// terminal's echo: a typed password would stay on the screen.
func readPassword(context.Context, *os.File, string) (string, error) {
	return "", errors.New("cannot prompt for a password on this platform: set ADMIN_PASSWORD")
}

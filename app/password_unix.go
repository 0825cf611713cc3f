//go:build linux || darwin

package app

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// readPassword shows prompt and reads a line from the terminal f with echo
// turned off. It restores the terminal's settings when it returns, also
// when ctx is cancelled (Ctrl-C) while the user is typing.
func readPassword(ctx context.Context, f *os.File, prompt string) (string, error) {
	fd := int(f.Fd())
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return "", errNotTerminal // e.g. /dev/null, a character device but no terminal
	}
	fmt.Fprint(os.Stderr, prompt)
	defer fmt.Fprintln(os.Stderr)
	quiet := *old
	quiet.Lflag &^= unix.ECHO
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &quiet); err != nil {
		return "", err
	}
	defer unix.IoctlSetTermios(fd, ioctlSetTermios, old)

	type line struct {
		s   string
		err error
	}
	read := make(chan line, 1)
	go func() {
		s, err := readLine(f)
		read <- line{s, err}
	}()
	select {
	case l := <-read:
		return l.s, l.err
	case <-ctx.Done():
		return "", ctx.Err() // the reader goroutine ends with the process
	}
}

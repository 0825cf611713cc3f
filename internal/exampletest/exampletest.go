// Package exampletest is what the end-to-end tests of the example programs
// share: building the program under test, starting it in its zero-setup
// mode ([Env]), and reading the log of a running one.
//
// # Building
//
// [Build] compiles the main package of the test's directory into the
// test's temporary directory, as `go run` would, and skips the test when
// no go tool is on PATH.
//
// # Logs
//
// A program built on package app logs JSON lines when its output is not a
// terminal, one of them {"msg":"listening","addr":...} once it serves.
// A [Log] is the process's stdout and stderr: it keeps every line for
// failure messages and hands the listening address to [Log.Listening], so a
// test can start the program on port 0 and learn the port it got.
package exampletest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// buildTimeout bounds a cold build, which links FerretDB: about 1.5 min on
// two cores.
const buildTimeout = 10 * time.Minute

// Build compiles the main package in the test's working directory to a
// binary named name in a temporary directory and returns its path.
func Build(t *testing.T, name string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go tool on PATH to build %s: %v", name, err)
	}
	bin := filepath.Join(t.TempDir(), name)
	ctx, cancel := context.WithTimeout(t.Context(), buildTimeout)
	defer cancel()
	start := time.Now()
	if out, err := exec.CommandContext(ctx, goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built %s in %v", name, time.Since(start).Round(time.Millisecond))
	return bin
}

// Log collects a process's output (set it as the exec.Cmd's Stdout and
// Stderr) and reports the address of its "listening" line. Make one with
// NewLog; it is safe for concurrent use.
type Log struct {
	mu        sync.Mutex
	buf       bytes.Buffer
	scanned   int
	listening chan string
}

// NewLog returns an empty Log.
func NewLog() *Log { return &Log{listening: make(chan string, 1)} }

// Listening delivers the address of the first "listening" line.
func (l *Log) Listening() <-chan string { return l.listening }

// Write keeps p and scans the complete lines it ends.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for {
		rest := l.buf.Bytes()[l.scanned:]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return len(p), nil
		}
		l.scanned += i + 1
		var line struct{ Msg, Addr string }
		if json.Unmarshal(rest[:i], &line) == nil && line.Msg == "listening" {
			select {
			case l.listening <- line.Addr:
			default:
			}
		}
	}
}

// String returns everything written so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Env is this process's environment without the settings of package app
// (ADDR, DATA_DIR, PUBLIC_URL, BLOB_URL, LOG_LEVEL, MONGODB_*, AUTH_*,
// ADMIN_*, IDENTITY_TYPE_*, ORG_ROLE_*) and of the examples (CORS_ORIGINS,
// ACCESS_LOG, TENANT_ID): a program started with it runs in its zero-setup
// mode whatever the developer's shell exports.
func Env() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "ADDR", k == "DATA_DIR", k == "PUBLIC_URL", k == "BLOB_URL", k == "LOG_LEVEL",
			k == "CORS_ORIGINS", k == "ACCESS_LOG", k == "TENANT_ID",
			strings.HasPrefix(k, "MONGODB_"), strings.HasPrefix(k, "AUTH_"), strings.HasPrefix(k, "ADMIN_"),
			strings.HasPrefix(k, "IDENTITY_TYPE_"), strings.HasPrefix(k, "ORG_ROLE_"):
			continue
		}
		env = append(env, kv)
	}
	return env
}

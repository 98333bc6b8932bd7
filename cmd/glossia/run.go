package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/glossia/glossia"
)

// Exit codes, documented in `glossia help` and the README.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitAuth     = 3
	exitNotFound = 4
)

const usage = `Glossia: scoped, expiring account tokens for the Glossia API.

Usage:
  glossia [serve] [flags]      run the server (the default)
  glossia migrate              apply database migrations and exit
  glossia admin create-user    create a user (operator; works on the database)
  glossia admin create-token   create a token for a user (operator; prints only the token)
  glossia tokens COMMAND       list, create, show, edit, revoke, rotate or check tokens
  glossia whoami               show who the configured token acts as
  glossia mcp                  serve the MCP tools over stdio
  glossia version              print the version

Run "glossia COMMAND --help" for a command's flags and an example.

Client commands read GLOSSIA_URL and GLOSSIA_TOKEN. Server and operator
commands read GLOSSIA_DATABASE_URL (default: glossia.db in this directory).

Exit codes: 0 success, 1 error, 2 usage, 3 authentication, 4 not found or not allowed.
`

// run is the whole program. main only supplies the process's environment;
// tests call run directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd, rest := "serve", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, rest, getenv, stdout, stderr)
	case "admin":
		return runAdmin(ctx, rest, getenv, stdin, stdout, stderr)
	case "tokens":
		return runTokens(ctx, rest, getenv, stdin, stdout, stderr)
	case "whoami":
		return runWhoami(ctx, rest, getenv, stdin, stdout, stderr)
	case "mcp":
		return runMCP(ctx, rest, getenv, stdin, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "glossia", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageErrorf("unknown command %q\n\n%s", cmd, usage)
}

// usageError is a mistake in how the command was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseFlags parses args with fs, turning flag errors into usage errors and
// reporting a request for help as errHelp after printing the usage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	if err != nil {
		return usageErrorf("%s: %v (see %s --help)", fs.Name(), err, fs.Name())
	}
	return nil
}

// errHelp means the user asked for --help, which was printed: exit 0.
var errHelp = errors.New("help requested")

// exitCode maps run's error to the process exit code, printing the error.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) || errors.Is(err, context.Canceled) {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "glossia:", ue.msg)
		return exitUsage
	}
	var ee *exitStatus
	if errors.As(err, &ee) {
		return ee.code
	}
	code := glossia.ErrorCode(err)
	msg := err.Error()
	if e := glossia.AsError(err); e != nil {
		msg = e.Message
		if len(e.Fields) > 0 {
			msg = strings.TrimPrefix(e.Message, "validation failed: ")
		}
	}
	fmt.Fprintln(stderr, "glossia:", msg)
	switch code {
	case glossia.EUNAUTHENTICATED:
		return exitAuth
	case glossia.ENOTFOUND, glossia.EFORBIDDEN:
		return exitNotFound
	}
	return exitError
}

// exitStatus ends the program with a code after the command printed its own
// message (for example `tokens check`).
type exitStatus struct{ code int }

func (e *exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }

package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/glossia/glossia"
)

// tokensCheck validates a token's format and checksum offline, for
// pre-commit hooks and secret scanners: exit 0 when valid, 1 when not. It
// never prints the token.
func tokensCheck(fs *flag.FlagSet, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	quiet := fs.Bool("quiet", false, "print nothing; only the exit code tells")
	cmd := command{"tokens check", "[TOKEN|-]", "Checks that a token is well-formed and its checksum is right, without any network call.\nWith no argument or \"-\", the token is read from standard input (preferred: it keeps the token out of shell history).\nExit code 0 means valid, 1 invalid.",
		`printf '%s' "$TOKEN" | glossia tokens check`}
	pos, err := cmd.parse(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageErrorf("tokens check: expected one token or \"-\"")
	}
	var token string
	if len(pos) == 0 || pos[0] == "-" {
		if token, err = readSecretLine(stdin); err != nil {
			return fmt.Errorf("reading the token from standard input: %w", err)
		}
		token = strings.TrimSpace(token)
	} else {
		token = pos[0]
	}
	if err := glossia.CheckTokenSecret(token); err != nil {
		if !*quiet {
			fmt.Fprintln(stderr, "invalid:", strings.TrimPrefix(glossia.ErrorMessage(err), "malformed token: "))
		}
		return &exitStatus{code: exitError}
	}
	if !*quiet {
		fmt.Fprintf(stdout, "valid: %s… is a well-formed Glossia token (this does not say whether it is active)\n", glossia.DisplayPrefix(token))
	}
	return nil
}

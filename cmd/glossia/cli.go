package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/client"
)

// clientFlags are the flags every client command shares. There is no flag
// that takes a secret: a token on the command line would land in shell
// history and process listings.
type clientFlags struct {
	url       *string
	tokenFile *string
	json      *bool
	getenv    func(string) string
	stdin     io.Reader
}

func addClientFlags(fs *flag.FlagSet, getenv func(string) string, stdin io.Reader) *clientFlags {
	return &clientFlags{
		url:       fs.String("url", getenv("GLOSSIA_URL"), "server URL ($GLOSSIA_URL)"),
		tokenFile: fs.String("token-file", "", `read the token from this file ("-" for standard input) instead of $GLOSSIA_TOKEN`),
		json:      fs.Bool("json", false, "print JSON for scripts"),
		getenv:    getenv,
		stdin:     stdin,
	}
}

// services returns the API services of the configured server, acting as the
// configured token. A token that is malformed is refused before any network
// call, without echoing it.
func (c *clientFlags) services() (glossia.Services, error) {
	base := strings.TrimRight(strings.TrimSpace(*c.url), "/")
	if base == "" {
		return glossia.Services{}, usageErrorf("no server: set GLOSSIA_URL or pass --url")
	}
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		return glossia.Services{}, usageErrorf("--url must start with http:// or https://")
	}
	token, source, err := c.token()
	if err != nil {
		return glossia.Services{}, err
	}
	if err := glossia.CheckTokenSecret(token); err != nil {
		return glossia.Services{}, glossia.Errorf(glossia.EUNAUTHENTICATED, "the token in %s is not a Glossia token: %s", source, strings.TrimPrefix(glossia.ErrorMessage(err), "malformed token: "))
	}
	cl := client.New(base, client.WithToken(token), client.WithVia(glossia.SurfaceCLI), client.WithUserAgent("glossia-cli/"+version()))
	return cl.Services(), nil
}

func (c *clientFlags) token() (token, source string, err error) {
	switch path := *c.tokenFile; path {
	case "":
		token = strings.TrimSpace(c.getenv("GLOSSIA_TOKEN"))
		if token == "" {
			return "", "", glossia.Errorf(glossia.EUNAUTHENTICATED, "no token: set GLOSSIA_TOKEN or pass --token-file")
		}
		return token, "GLOSSIA_TOKEN", nil
	case "-":
		token, err = readSecretLine(c.stdin)
		return strings.TrimSpace(token), "standard input", err
	default:
		b, err := os.ReadFile(path)
		if err != nil {
			return "", "", fmt.Errorf("reading the token file: %w", err)
		}
		return strings.TrimSpace(string(b)), path, nil
	}
}

// command describes one client subcommand for its --help.
type command struct {
	name, args, summary, example string
}

// parse parses a client subcommand's flags, printing its help on --help.
// Flags may come before or after positional arguments.
func (cmd command) parse(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var positional []string
	for {
		err := parseFlags(fs, args)
		if errors.Is(err, errHelp) {
			fmt.Fprintf(stdout, "Usage: glossia %s [flags] %s\n\n%s\n\nFlags:\n", cmd.name, cmd.args, cmd.summary)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
			fmt.Fprintf(stdout, "\nExample:\n  %s\n\n%s", cmd.example, exitCodesHelp)
			return nil, errHelp
		}
		if err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

const exitCodesHelp = `Exit codes: 0 success, 1 error, 2 usage, 3 authentication, 4 not found or not allowed.
`

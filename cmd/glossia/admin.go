package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/sqlstore"
)

const adminUsage = `Usage: glossia admin COMMAND [flags]

Operator commands that work on the database directly (GLOSSIA_DATABASE_URL),
for bootstrapping and automation. They also work while a server runs on the
same SQLite file.

Commands:
  create-user    create a user; the password is read from standard input
  create-token   create a token for a user; prints only the token

Examples:
  printf '%s' "$PASSWORD" | glossia admin create-user --handle ada --email ada@example.com --name "Ada Lovelace" --password-stdin
  glossia admin create-token --user ada --name "CI deploy" --scopes project:read,project:write --expires-in-days 30 > token
`

// runAdmin dispatches the operator commands.
func runAdmin(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		io.WriteString(stdout, adminUsage)
		if len(args) == 0 {
			return usageErrorf("admin: a command is required")
		}
		return nil
	}
	switch args[0] {
	case "create-user":
		return runAdminCreateUser(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "create-token":
		return runAdminCreateToken(ctx, args[1:], getenv, stdout, stderr)
	}
	return usageErrorf("admin: unknown command %q\n\n%s", args[0], adminUsage)
}

func runAdminCreateUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("admin create-user", flag.ContinueOnError)
	dbURL := databaseFlag(fs, getenv)
	handle := fs.String("handle", "", "the user's handle (their personal account)")
	email := fs.String("email", "", "the user's email address")
	name := fs.String("name", "", "the user's display name")
	passwordStdin := fs.Bool("password-stdin", false, "read the password from standard input (required)")
	asJSON := fs.Bool("json", false, "print the user as JSON")
	if err := parseAdminFlags(fs, args, stdout, `printf '%s' "$PASSWORD" | glossia admin create-user --handle ada --email ada@example.com --name "Ada Lovelace" --password-stdin`); err != nil {
		return err
	}
	if !*passwordStdin {
		return usageErrorf("admin create-user: --password-stdin is required (passwords are never taken on the command line)")
	}
	password, err := readSecretLine(stdin)
	if err != nil {
		return fmt.Errorf("reading the password from standard input: %w", err)
	}
	store, err := openAdminStore(ctx, *dbURL, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	user, err := store.Identity().SignUp(ctx, glossia.SignUp{Handle: *handle, Email: *email, Name: *name, Password: password})
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(user)
	}
	fmt.Fprintf(stdout, "created user %s (%s)\n", user.Handle, user.ID)
	return nil
}

func runAdminCreateToken(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("admin create-token", flag.ContinueOnError)
	dbURL := databaseFlag(fs, getenv)
	userHandle := fs.String("user", "", "handle of the user the token acts as")
	name := fs.String("name", "", "the token's name, e.g. \"CI deploy\"")
	description := fs.String("description", "", "what the token is for")
	scopes := fs.String("scopes", "", "comma-separated scopes, e.g. project:read,project:write")
	days := fs.Int("expires-in-days", 0, "days until the token expires; omit for a token that never expires")
	if err := parseAdminFlags(fs, args, stdout, `glossia admin create-token --user ada --name "CI deploy" --scopes project:read --expires-in-days 30 > token`); err != nil {
		return err
	}
	if *userHandle == "" {
		return usageErrorf("admin create-token: --user is required")
	}
	create := glossia.TokenCreate{Name: *name, Description: *description, Scopes: splitScopes(*scopes)}
	if *days != 0 {
		create.ExpiresInDays = days
	}
	store, err := openAdminStore(ctx, *dbURL, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	user, err := store.Identity().FindUserByHandle(ctx, *userHandle)
	if err != nil {
		return err
	}
	actor := &glossia.Actor{UserID: user.ID, Handle: user.Handle, Origin: glossia.Origin{Via: glossia.SurfaceCLI, UserAgent: "glossia admin"}}
	created, err := store.Services().Tokens.CreateToken(glossia.NewContext(ctx, actor), create)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, created.PlainToken)
	return nil
}

func databaseFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	return fs.String("database-url", orDefault(getenv("GLOSSIA_DATABASE_URL"), "glossia.db"), "SQLite file path, or a postgres:// URL ($GLOSSIA_DATABASE_URL)")
}

func parseAdminFlags(fs *flag.FlagSet, args []string, stdout io.Writer, example string) error {
	err := parseFlags(fs, args)
	if err == errHelp {
		fmt.Fprintf(stdout, "Usage: glossia %s [flags]\n\nFlags:\n", fs.Name())
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fmt.Fprintf(stdout, "\nExample:\n  %s\n", example)
	}
	if err == nil && fs.NArg() > 0 {
		return usageErrorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return err
}

func openAdminStore(ctx context.Context, url string, stderr io.Writer) (*sqlstore.Store, error) {
	store, err := sqlstore.Open(ctx, sqlstore.Options{URL: url, Logger: newLogger("text", slog.LevelWarn, stderr)})
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	return store, nil
}

// readSecretLine reads one line, without its line ending, from r.
func readSecretLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// splitScopes splits a comma- or space-separated scope list.
func splitScopes(s string) []glossia.Scope {
	var out []glossia.Scope
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, glossia.Scope(f))
	}
	return out
}

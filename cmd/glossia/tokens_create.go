package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/glossia/glossia"
)

func tokensCreate(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cf := addClientFlags(fs, getenv, stdin)
	name := fs.String("name", "", "what the token is for, e.g. \"CI deploy\" (required)")
	description := fs.String("description", "", "a longer description")
	scopes := fs.String("scopes", "", "comma-separated scopes, e.g. project:read,project:write (required)")
	days := fs.Int("expires-in-days", 0, "days until the token expires")
	expiresAt := fs.String("expires-at", "", "expiry as a date (2027-01-31) or RFC 3339 time")
	cmd := command{"tokens create", "", "Creates a token. The secret is printed once, alone, on standard output; guidance goes to standard error.\nWithout --expires-in-days or --expires-at the token never expires.",
		`glossia tokens create --name "CI deploy" --scopes project:read --expires-in-days 30 > token`}
	if err := noArgs(cmd, fs, args, stdout); err != nil {
		return err
	}
	create := glossia.TokenCreate{Name: *name, Description: *description, Scopes: splitScopes(*scopes)}
	if *days != 0 {
		create.ExpiresInDays = days
	}
	if *expiresAt != "" {
		at, err := parseDate(*expiresAt)
		if err != nil {
			return usageErrorf("tokens create: --expires-at: %v", err)
		}
		create.ExpiresAt = &at
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	created, err := svc.Tokens.CreateToken(ctx, create)
	if err != nil {
		return err
	}
	return printSecret(stdout, stderr, created, *cf.json, "Created")
}

func tokensRotate(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cf := addClientFlags(fs, getenv, stdin)
	grace := fs.Duration("grace", 0, "keep the old secret working this long (at most 168h), e.g. 1h")
	cmd := command{"tokens rotate", "ID", "Replaces a token's secret, keeping its name, scopes and expiration. The old secret stops working at once, or after --grace.\nThe new secret is printed once, alone, on standard output.",
		"glossia tokens rotate 0192d2a4-8f3e-7c1a-9b2d-3e4f5a6b7c8d --grace 1h > token"}
	id, err := oneArg(cmd, fs, args, stdout, "a token id")
	if err != nil {
		return err
	}
	if *grace < 0 || *grace%time.Second != 0 {
		return usageErrorf("tokens rotate: --grace must be a whole number of seconds, 0 or more")
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	created, err := svc.Tokens.RotateToken(ctx, id, glossia.TokenRotate{GraceSeconds: int(*grace / time.Second)})
	if err != nil {
		return err
	}
	return printSecret(stdout, stderr, created, *cf.json, "Rotated")
}

// printSecret prints a new secret alone on stdout (or the whole JSON), and
// the guidance on stderr, so `glossia tokens create … > file` stores exactly
// the secret.
func printSecret(stdout, stderr io.Writer, c *glossia.CreatedToken, asJSON bool, verb string) error {
	if asJSON {
		return writeJSON(stdout, c)
	}
	fmt.Fprintln(stdout, c.PlainToken)
	expiry := "never expires"
	if c.Token.ExpiresAt != nil {
		expiry = "expires " + c.Token.ExpiresAt.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(stderr, "%s token %q (%s), %s.\nStore the secret now: it will not be shown again.\n", verb, c.Token.Name, c.Token.ID, expiry)
	if p := c.Previous; p != nil && p.RevokedAt != nil {
		fmt.Fprintf(stderr, "The old secret stops working at %s.\n", p.RevokedAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// parseDate accepts a calendar date (end of that day, UTC) or an RFC 3339
// time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2027-01-31 or a time like 2027-01-31T12:00:00Z", s)
	}
	return d.Add(24*time.Hour - time.Second), nil
}

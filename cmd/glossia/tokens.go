package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/glossia/glossia"
)

const tokensUsage = `Usage: glossia tokens COMMAND [flags]

Manage your account tokens on a Glossia server (GLOSSIA_URL), acting as the
token in GLOSSIA_TOKEN (or --token-file).

Commands:
  list      list your tokens
  create    create a token; prints only the new secret on standard output
  show      show one token (or "self": the token you are using)
  edit      change a token's name or description
  revoke    revoke a token, at once
  rotate    replace a token's secret; prints only the new secret
  check     check a token's format and checksum offline (no network)

Run "glossia tokens COMMAND --help" for flags and an example.

` + exitCodesHelp

// runTokens dispatches the token commands.
func runTokens(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, tokensUsage)
		if len(args) == 0 {
			return usageErrorf("tokens: a command is required")
		}
		return nil
	}
	fs := flag.NewFlagSet("tokens "+args[0], flag.ContinueOnError)
	switch args[0] {
	case "list":
		return tokensList(ctx, fs, args[1:], getenv, stdin, stdout)
	case "create":
		return tokensCreate(ctx, fs, args[1:], getenv, stdin, stdout, stderr)
	case "show":
		return tokensShow(ctx, fs, args[1:], getenv, stdin, stdout)
	case "edit":
		return tokensEdit(ctx, fs, args[1:], getenv, stdin, stdout)
	case "revoke":
		return tokensRevoke(ctx, fs, args[1:], getenv, stdin, stdout, stderr)
	case "rotate":
		return tokensRotate(ctx, fs, args[1:], getenv, stdin, stdout, stderr)
	case "check":
		return tokensCheck(fs, args[1:], stdin, stdout, stderr)
	}
	return usageErrorf("tokens: unknown command %q\n\n%s", args[0], tokensUsage)
}

func tokensList(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	cf := addClientFlags(fs, getenv, stdin)
	status := fs.String("status", "", `"active", "expired", "revoked" or "all" (default: active and expired)`)
	sort := fs.String("sort", "", `"created_at" (default, newest first), "last_used_at", "name" or "expires_at"`)
	cmd := command{"tokens list", "", "Lists your tokens, all pages.", "glossia tokens list --status all --sort last_used_at"}
	if err := noArgs(cmd, fs, args, stdout); err != nil {
		return err
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	all := &glossia.TokenPage{Tokens: []*glossia.Token{}}
	filter := glossia.TokenFilter{Status: *status, Sort: *sort, PageRequest: glossia.PageRequest{Limit: glossia.MaxPageLimit}}
	for {
		page, err := svc.Tokens.ListTokens(ctx, filter)
		if err != nil {
			return err
		}
		all.Tokens = append(all.Tokens, page.Tokens...)
		if page.NextCursor == nil {
			break
		}
		filter.Cursor = *page.NextCursor
	}
	if *cf.json {
		return writeJSON(stdout, all)
	}
	printTokenTable(stdout, all.Tokens, time.Now())
	return nil
}

func tokensShow(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	cf := addClientFlags(fs, getenv, stdin)
	cmd := command{"tokens show", "ID|self", "Shows one of your tokens; \"self\" is the token you are using.", "glossia tokens show self"}
	id, err := oneArg(cmd, fs, args, stdout, "a token id (or \"self\")")
	if err != nil {
		return err
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	var tok *glossia.Token
	if id == "self" {
		tok, err = svc.Tokens.CurrentToken(ctx)
	} else {
		tok, err = svc.Tokens.FindToken(ctx, id)
	}
	if err != nil {
		return err
	}
	return printToken(stdout, tok, *cf.json)
}

func tokensEdit(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	cf := addClientFlags(fs, getenv, stdin)
	name := fs.String("name", "", "new name")
	description := fs.String("description", "", "new description")
	cmd := command{"tokens edit", "ID", "Changes a token's name or description. Scopes and expiration are fixed at creation.", `glossia tokens edit 0192d2a4-8f3e-7c1a-9b2d-3e4f5a6b7c8d --name "CI deploy (prod)"`}
	id, err := oneArg(cmd, fs, args, stdout, "a token id")
	if err != nil {
		return err
	}
	var upd glossia.TokenUpdate
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			upd.Name = name
		case "description":
			upd.Description = description
		}
	})
	if upd.Name == nil && upd.Description == nil {
		return usageErrorf("tokens edit: give --name or --description")
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	tok, err := svc.Tokens.UpdateToken(ctx, id, upd)
	if err != nil {
		return err
	}
	return printToken(stdout, tok, *cf.json)
}

func tokensRevoke(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cf := addClientFlags(fs, getenv, stdin)
	cmd := command{"tokens revoke", "ID", "Revokes a token at once, on every server. It cannot be undone; revoking twice is harmless.", "glossia tokens revoke 0192d2a4-8f3e-7c1a-9b2d-3e4f5a6b7c8d"}
	id, err := oneArg(cmd, fs, args, stdout, "a token id")
	if err != nil {
		return err
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	tok, err := svc.Tokens.RevokeToken(ctx, id)
	if err != nil {
		return err
	}
	if *cf.json {
		return writeJSON(stdout, tok)
	}
	fmt.Fprintf(stdout, "Revoked %s (%s…).\n", tok.Name, tok.Prefix)
	return nil
}

func noArgs(cmd command, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	pos, err := cmd.parse(fs, args, stdout)
	if err == nil && len(pos) > 0 {
		return usageErrorf("%s: unexpected argument %q", cmd.name, pos[0])
	}
	return err
}

func oneArg(cmd command, fs *flag.FlagSet, args []string, stdout io.Writer, what string) (string, error) {
	pos, err := cmd.parse(fs, args, stdout)
	switch {
	case err != nil:
		return "", err
	case len(pos) != 1:
		return "", usageErrorf("%s: expected %s (see --help)", cmd.name, what)
	}
	return pos[0], nil
}

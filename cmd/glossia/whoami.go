package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/glossia/glossia"
)

// runWhoami shows who the configured token acts as and what it may do.
func runWhoami(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("whoami", flag.ContinueOnError)
	cf := addClientFlags(fs, getenv, stdin)
	cmd := command{"whoami", "", "Shows the user and token that GLOSSIA_TOKEN (or --token-file) acts as.\nThe user's details need the user:read scope; the token's need none.", "GLOSSIA_URL=https://glossia.example.com glossia whoami"}
	if err := noArgs(cmd, fs, args, stdout); err != nil {
		return err
	}
	svc, err := cf.services()
	if err != nil {
		return err
	}
	tok, err := svc.Tokens.CurrentToken(ctx)
	if err != nil {
		return err
	}
	user, err := svc.Users.CurrentUser(ctx)
	if err != nil && glossia.ErrorCode(err) != glossia.EFORBIDDEN {
		return err
	}
	if *cf.json {
		return writeJSON(stdout, struct {
			User  *glossia.User  `json:"user"`
			Token *glossia.Token `json:"token"`
		}{user, tok})
	}
	if user != nil {
		fmt.Fprintf(stdout, "User:     %s (%s, %s)\n", user.Handle, user.Name, user.Email)
	} else {
		fmt.Fprintln(stdout, "User:     (this token lacks user:read)")
	}
	fmt.Fprintf(stdout, "Token:    %s (%s…, %s)\n", tok.Name, tok.Prefix, tok.ID)
	fmt.Fprintf(stdout, "Scopes:   %s\n", glossia.JoinScopes(tok.Scopes))
	fmt.Fprintf(stdout, "Expires:  %s\n", formatExpiry(tok, time.Now()))
	return nil
}

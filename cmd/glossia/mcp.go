package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"strings"

	"github.com/glossia/glossia"
	"github.com/glossia/glossia/client"
	"github.com/glossia/glossia/internal/mcp"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// runMCP serves the MCP tools over stdio (newline-delimited JSON-RPC on
// stdin and stdout), calling the server at GLOSSIA_URL with GLOSSIA_TOKEN
// through the Go client. Logs go to stderr only: stdout is the protocol.
// It returns when the MCP client closes stdin or ctx ends.
func runMCP(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mcp", flag.ContinueOnError)
	cmd := command{"mcp", "", "Serves Glossia's MCP tools over stdio for an MCP client (a coding agent or assistant)\n" +
		"that starts this command. The tools call the server at GLOSSIA_URL and act as\n" +
		"GLOSSIA_TOKEN, capped by its scopes. Logs go to standard error.",
		`GLOSSIA_URL=https://glossia.example.com GLOSSIA_TOKEN=glsa_… glossia mcp`}
	if err := noArgs(cmd, fs, args, stdout); err != nil {
		return err
	}
	services, base, err := mcpServices(getenv)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil)).With("component", "mcp")
	logger.Info("serving MCP tools over stdio", "url", base)
	server := mcp.NewServer(services, mcp.ServerOptions{Version: version(), Logger: logger, Remote: true})
	err = server.Run(ctx, &mcpsdk.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{stdout}})
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// mcpServices returns the API services of GLOSSIA_URL acting as
// GLOSSIA_TOKEN, refusing to start without either, or with a token that is
// not well formed. The token is never echoed.
func mcpServices(getenv func(string) string) (glossia.Services, string, error) {
	base := strings.TrimRight(strings.TrimSpace(getenv("GLOSSIA_URL")), "/")
	token := strings.TrimSpace(getenv("GLOSSIA_TOKEN"))
	switch {
	case base == "":
		return glossia.Services{}, "", usageErrorf("mcp: GLOSSIA_URL is not set: set it to the Glossia server's URL, e.g. https://glossia.example.com")
	case !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://"):
		return glossia.Services{}, "", usageErrorf("mcp: GLOSSIA_URL must start with http:// or https://")
	case token == "":
		return glossia.Services{}, "", glossia.Errorf(glossia.EUNAUTHENTICATED, "mcp: GLOSSIA_TOKEN is not set: set it to an account token (glsa_…) with the scopes the tools need")
	}
	if err := glossia.CheckTokenSecret(token); err != nil {
		return glossia.Services{}, "", glossia.Errorf(glossia.EUNAUTHENTICATED, "mcp: GLOSSIA_TOKEN is not a Glossia token: %s", strings.TrimPrefix(glossia.ErrorMessage(err), "malformed token: "))
	}
	cl := client.New(base, client.WithToken(token), client.WithVia(glossia.SurfaceMCP), client.WithUserAgent("glossia-mcp/"+version()))
	return cl.Services(), base, nil
}

// nopWriteCloser lets stdout serve as the transport's writer without the
// transport closing it.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

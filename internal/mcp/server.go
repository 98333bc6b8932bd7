// Package mcp serves Glossia's tools to MCP clients (coding agents and
// assistants), over Streamable HTTP at /mcp and over stdio with `glossia
// mcp`. Every tool calls the glossia services, so scopes, policy,
// validation and attenuation are exactly those of the REST API.
package mcp

import (
	"context"
	"log/slog"

	"github.com/glossia/glossia"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// ServerOptions configure the MCP server.
type ServerOptions struct {
	// Version is the build version reported to clients.
	Version string
	// Logger receives the details of internal errors, which clients see
	// only as a generic message. Nil discards them.
	Logger *slog.Logger
	// Remote says the services call a Glossia server over HTTP (the Go
	// client), as `glossia mcp` does. Their failures are then shown to the
	// MCP client: a transport error is the user's own network's, and the
	// server has already reduced its internal errors to a safe message.
	Remote bool
}

// NewServer returns an MCP server whose tools call services with the
// context they are given. It is the stdio server: services act as whoever
// they were configured for, such as the Go client holding GLOSSIA_TOKEN.
// The HTTP server is built by NewHandler, which binds each call to the
// actor of its own HTTP request.
func NewServer(services glossia.Services, o ServerOptions) *mcpsdk.Server {
	return newServer(services, o, false)
}

// newServer builds the server. With perRequest, every tool call acts as the
// actor that the HTTP request carrying it authenticated as (see
// actorContext), never as the one that opened the session.
func newServer(services glossia.Services, o ServerOptions, perRequest bool) *mcpsdk.Server {
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	version := o.Version
	if version == "" {
		version = "dev"
	}
	s := mcpsdk.NewServer(&mcpsdk.Implementation{Name: "glossia", Title: "Glossia", Version: version}, &mcpsdk.ServerOptions{
		Instructions: instructions,
		Logger:       logger,
		Capabilities: &mcpsdk.ServerCapabilities{Tools: &mcpsdk.ToolCapabilities{}},
	})
	t := &tools{services: services, logger: logger, perRequest: perRequest, remote: o.Remote}
	t.addTokenTools(s)
	t.addAccountTools(s)
	return s
}

const instructions = "Glossia manages account tokens, organizations, projects and voices. " +
	"Every tool acts as the owner of the token you connected with and can do at most what that token's scopes allow. " +
	"Secrets returned by create_token and rotate_token are shown once: hand them to the user to store, and never repeat them elsewhere."

// tools holds what every tool handler needs.
type tools struct {
	services   glossia.Services
	logger     *slog.Logger
	perRequest bool
	remote     bool
}

// actorExtraKey is the key under which the HTTP handler passes the request's
// actor to tool calls, in auth.TokenInfo.Extra.
const actorExtraKey = "glossia.actor"

// actorContext returns the context a tool call runs with. Over HTTP the
// session's context was made by the request that opened the session, so it
// may carry another token's actor: the actor of the request that carries
// this call replaces it, and a call without one gets no actor at all (the
// services then answer "authentication required").
func (t *tools) actorContext(ctx context.Context, req *mcpsdk.CallToolRequest) context.Context {
	if !t.perRequest {
		return ctx
	}
	var actor *glossia.Actor
	if req != nil && req.Extra != nil && req.Extra.TokenInfo != nil {
		actor, _ = req.Extra.TokenInfo.Extra[actorExtraKey].(*glossia.Actor)
	}
	return glossia.NewContext(ctx, actor)
}

func boolPtr(b bool) *bool { return &b }

// Annotation sets. Every tool works on Glossia's own data only, so none is
// open-world.
var (
	readOnly = &mcpsdk.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: boolPtr(false)}
	// additive tools create something new each call.
	additive = &mcpsdk.ToolAnnotations{DestructiveHint: boolPtr(false), IdempotentHint: false, OpenWorldHint: boolPtr(false)}
	// editing tools change in place; calling twice gives the same result.
	editing = &mcpsdk.ToolAnnotations{DestructiveHint: boolPtr(false), IdempotentHint: true, OpenWorldHint: boolPtr(false)}
	// revoking destroys access; revoking again answers the same.
	revoking = &mcpsdk.ToolAnnotations{DestructiveHint: boolPtr(true), IdempotentHint: true, OpenWorldHint: boolPtr(false)}
	// rotating destroys the old secret and makes a new one each call.
	rotating = &mcpsdk.ToolAnnotations{DestructiveHint: boolPtr(true), IdempotentHint: false, OpenWorldHint: boolPtr(false)}
)

// annotated returns a copy of a with the title set, so tools never share a
// mutable value.
func annotated(a *mcpsdk.ToolAnnotations, title string) *mcpsdk.ToolAnnotations {
	c := *a
	c.Title = title
	return &c
}

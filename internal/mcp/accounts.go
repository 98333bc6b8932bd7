package mcp

import (
	"context"
	"encoding/json"

	"github.com/glossia/glossia"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type whoamiInput struct{}

// Whoami is the output of the whoami tool.
type Whoami struct {
	// User is the token's owner; null when the token lacks user:read.
	User *glossia.User `json:"user"`
	// Token is the token the caller connected with.
	Token *glossia.Token `json:"token"`
}

type pageInput struct {
	Limit  int    `json:"limit,omitempty" jsonschema:"Items per page, 1 to 100. Omit for 20."`
	Cursor string `json:"cursor,omitempty" jsonschema:"The next_cursor of the previous page, to get the page after it. Omit for the first page."`
}

type listProjectsInput struct {
	Account string `json:"account,omitempty" jsonschema:"The handle of the account (a user or an organization) whose projects to list. Omit to list the projects of every account you belong to."`
	Limit   int    `json:"limit,omitempty" jsonschema:"Projects per page, 1 to 100. Omit for 20."`
	Cursor  string `json:"cursor,omitempty" jsonschema:"The next_cursor of the previous page, to get the page after it. Omit for the first page."`
}

type createProjectInput struct {
	Account     string `json:"account" jsonschema:"The handle of the account (your own handle, or an organization you administer) that will own the project."`
	Handle      string `json:"handle" jsonschema:"The project's handle, unique within the account: 2 to 39 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."`
	Name        string `json:"name" jsonschema:"The project's display name, 1 to 100 characters."`
	Description string `json:"description,omitempty" jsonschema:"Optional description, at most 500 characters."`
}

type accountInput struct {
	Account string `json:"account" jsonschema:"The handle of the account (a user or an organization) whose voice to read."`
}

type listMembersInput struct {
	Organization string `json:"organization" jsonschema:"The handle of the organization whose members to list."`
	Limit        int    `json:"limit,omitempty" jsonschema:"Members per page, 1 to 100. Omit for 20."`
	Cursor       string `json:"cursor,omitempty" jsonschema:"The next_cursor of the previous page, to get the page after it. Omit for the first page."`
}

func (t *tools) addAccountTools(s *mcpsdk.Server) {
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "whoami",
		Description: "Show the token you are connected with (name, scopes, expiry) and, when it has the user:read scope, the user it acts as. Any valid token may call it.",
		Annotations: annotated(readOnly, "Who am I"),
	}, t.whoami)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "list_organizations",
		Description: "List the organizations you belong to, with your role in each, by handle. Needs the organization:read scope.",
		Annotations: annotated(readOnly, "List organizations"),
	}, t.listOrganizations)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "list_projects",
		Description: "List projects, by handle: those of one account (yours, an organization you belong to, or a public account), or without an account those of every account you belong to. Needs the project:read scope.",
		Annotations: annotated(readOnly, "List projects"),
	}, t.listProjects)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "create_project",
		Description: "Create a project in an account you administer (your personal account, or an organization where you are an admin). Needs the project:write scope.",
		Annotations: annotated(additive, "Create a project"),
	}, t.createProject)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "get_voice",
		Description: "Read the latest version of an account's voice: tone, formality, target audience and guidelines for writing in its name. Needs the voice:read scope.",
		Annotations: annotated(readOnly, "Read an account's voice"),
	}, t.getVoice)
	mcpsdk.AddTool(s, &mcpsdk.Tool{
		Name:        "list_members",
		Description: "List the members of an organization you belong to, with their roles, by handle. Needs the members:read scope.",
		Annotations: annotated(readOnly, "List organization members"),
	}, t.listMembers)
}

func (t *tools) whoami(ctx context.Context, req *mcpsdk.CallToolRequest, _ whoamiInput) (*mcpsdk.CallToolResult, *Whoami, error) {
	ctx = t.actorContext(ctx, req)
	tok, err := t.services.Tokens.CurrentToken(ctx)
	if err != nil {
		return nil, nil, t.toolError(ctx, "whoami", err, "")
	}
	out := &Whoami{Token: tok}
	user, err := t.services.Users.CurrentUser(ctx)
	switch e := glossia.AsError(err); {
	case err == nil:
		out.User = user
	case e != nil && e.Code == glossia.EFORBIDDEN && e.RequiredScope != "":
		// The profile is simply not shown: whoami answers any valid token.
		body, _ := json.Marshal(out)
		note := "This token lacks the " + string(e.RequiredScope) + " scope, so the user's profile is not shown."
		return &mcpsdk.CallToolResult{Content: []mcpsdk.Content{
			&mcpsdk.TextContent{Text: string(body)},
			&mcpsdk.TextContent{Text: note},
		}}, out, nil
	default:
		return nil, nil, t.toolError(ctx, "whoami", err, "")
	}
	return nil, out, nil
}

func (t *tools) listOrganizations(ctx context.Context, req *mcpsdk.CallToolRequest, in pageInput) (*mcpsdk.CallToolResult, *glossia.OrganizationPage, error) {
	ctx = t.actorContext(ctx, req)
	page, err := t.services.Organizations.ListOrganizations(ctx, glossia.PageRequest{Limit: in.Limit, Cursor: in.Cursor})
	if err != nil {
		return nil, nil, t.toolError(ctx, "list_organizations", err, "")
	}
	return nil, page, nil
}

func (t *tools) listProjects(ctx context.Context, req *mcpsdk.CallToolRequest, in listProjectsInput) (*mcpsdk.CallToolResult, *glossia.ProjectPage, error) {
	ctx = t.actorContext(ctx, req)
	p := glossia.PageRequest{Limit: in.Limit, Cursor: in.Cursor}
	var page *glossia.ProjectPage
	var err error
	if in.Account == "" {
		page, err = t.services.Projects.ListAllProjects(ctx, p)
	} else {
		page, err = t.services.Projects.ListProjects(ctx, in.Account, p)
	}
	if err != nil {
		return nil, nil, t.toolError(ctx, "list_projects", err, accountNotFoundHint)
	}
	return nil, page, nil
}

func (t *tools) createProject(ctx context.Context, req *mcpsdk.CallToolRequest, in createProjectInput) (*mcpsdk.CallToolResult, *glossia.Project, error) {
	ctx = t.actorContext(ctx, req)
	p, err := t.services.Projects.CreateProject(ctx, in.Account, glossia.ProjectCreate{Handle: in.Handle, Name: in.Name, Description: in.Description})
	if err != nil {
		return nil, nil, t.toolError(ctx, "create_project", err, accountNotFoundHint)
	}
	return nil, p, nil
}

func (t *tools) getVoice(ctx context.Context, req *mcpsdk.CallToolRequest, in accountInput) (*mcpsdk.CallToolResult, *glossia.Voice, error) {
	ctx = t.actorContext(ctx, req)
	v, err := t.services.Voices.FindVoice(ctx, in.Account)
	if err != nil {
		return nil, nil, t.toolError(ctx, "get_voice", err, accountNotFoundHint)
	}
	return nil, v, nil
}

func (t *tools) listMembers(ctx context.Context, req *mcpsdk.CallToolRequest, in listMembersInput) (*mcpsdk.CallToolResult, *glossia.MemberPage, error) {
	ctx = t.actorContext(ctx, req)
	page, err := t.services.Members.ListMembers(ctx, in.Organization, glossia.PageRequest{Limit: in.Limit, Cursor: in.Cursor})
	if err != nil {
		return nil, nil, t.toolError(ctx, "list_members", err, "list_organizations shows the organizations you belong to")
	}
	return nil, page, nil
}

package api

// resourceSchemas returns the schemas of the resources tokens protect, and
// of the operational endpoints.
func resourceSchemas() obj {
	return obj{
		"Organization": closed("An account with members.", obj{
			"id":          uuid("The organization's account id."),
			"handle":      handle("The organization's handle."),
			"name":        typed("string", "The display name."),
			"description": typed("string", "What the organization is."),
			"visibility":  ref("Visibility"),
			"role":        enum(`The caller's role in the organization; "" when none.`, "admin", "member", ""),
			"created_at":  timestamp("When the organization was created."),
			"updated_at":  timestamp("When it last changed."),
		}),
		"OrganizationPage": page("One page of organizations, by handle.", "organizations", "Organization"),
		"OrganizationCreate": object("A new organization; the caller becomes its admin.", []string{"handle", "name"}, obj{
			"handle":      handle("A free handle; reserved words are refused."),
			"name":        text("The display name.", 1, 100),
			"description": text("What the organization is.", 0, 500),
			"visibility":  obj{"$ref": "#/components/schemas/Visibility", "description": "Default private."},
		}),
		"OrganizationUpdate": object("Changes to an organization; absent fields are left alone.", nil, obj{
			"name":        text("The display name.", 1, 100),
			"description": text("What the organization is.", 0, 500),
			"visibility":  ref("Visibility"),
		}),
		"Member": closed("A user's membership of an organization.", obj{
			"handle":     handle("The member's handle."),
			"name":       typed("string", "The member's display name."),
			"role":       ref("Role"),
			"created_at": timestamp("When the user joined."),
		}),
		"MemberPage": page("One page of members, by handle.", "members", "Member"),
		"MemberSet": object("The role to give a member.", []string{"role"}, obj{
			"role": ref("Role"),
		}),
		"Project": closed("A project of an account.", obj{
			"id":          uuid("The project id."),
			"account":     handle("The handle of the account the project belongs to."),
			"handle":      handle("The project's handle, unique within its account."),
			"name":        typed("string", "The display name."),
			"description": typed("string", "What the project is."),
			"created_at":  timestamp("When the project was created."),
			"updated_at":  timestamp("When it last changed."),
		}),
		"ProjectPage": page("One page of projects, by account then handle.", "projects", "Project"),
		"ProjectCreate": object("A new project.", []string{"handle", "name"}, obj{
			"handle":      handle("A handle free within the account."),
			"name":        text("The display name.", 1, 100),
			"description": text("What the project is.", 0, 500),
		}),
		"ProjectUpdate": object("Changes to a project; absent fields are left alone.", nil, obj{
			"name":        text("The display name.", 1, 100),
			"description": text("What the project is.", 0, 500),
		}),
		"Voice": closed("One saved version of an account's voice.", obj{
			"account":         handle("The account's handle."),
			"version":         obj{"type": "integer", "minimum": 1, "description": "The version number, from 1."},
			"tone":            typed("string", "The tone, in a few words."),
			"formality":       ref("Formality"),
			"target_audience": typed("string", "Who the texts are for."),
			"guidelines":      typed("string", "Free-form writing guidelines."),
			"created_by":      handle("The handle of the user who saved this version."),
			"created_at":      timestamp("When this version was saved."),
		}),
		"VoicePage": page("One page of voice versions, newest first.", "versions", "Voice"),
		"VoiceSave": object("The whole voice, saved as a new version.", nil, obj{
			"tone":            text("The tone, in a few words.", 0, 200),
			"formality":       obj{"$ref": "#/components/schemas/Formality", "description": "Default neutral."},
			"target_audience": text("Who the texts are for.", 0, 200),
			"guidelines":      text("Free-form writing guidelines.", 0, 10000),
		}),
		"ProtectedResourceMetadata": object("OAuth 2.0 protected resource metadata (RFC 9728).",
			[]string{"resource", "resource_name", "scopes_supported", "bearer_methods_supported"}, obj{
				"resource":                 typed("string", "The resource identifier: the base URL of the REST API or of the MCP server."),
				"resource_name":            typed("string", "A name for people."),
				"resource_documentation":   typed("string", "Where the resource is documented."),
				"scopes_supported":         array(ref("Scope"), "Every scope a token may hold."),
				"bearer_methods_supported": array(enum("How a bearer token may be sent.", "header"), "Only the Authorization header."),
			}),
		"Health": closed("The process serves.", obj{
			"status":  enum("Always ok.", "ok"),
			"version": typed("string", "The build version."),
		}),
		"Readiness": closed("Whether this instance can serve requests.", obj{
			"status": enum("ready, or unavailable when the database does not answer.", "ready", "unavailable"),
		}),
	}
}

// Package glossia is the domain of the Glossia account-token system: users,
// accounts, organizations, memberships, projects, voices and account tokens,
// with their validation rules, the scope catalogue, the authorization policy
// and the service interfaces every surface (REST API, dashboard, MCP server,
// command line) calls.
//
// The package depends on the standard library only. Storage lives in
// internal/sqlstore, which implements the service interfaces and enforces
// scopes and policy by calling the pure functions defined here; the Go client
// in client/ implements the same interfaces over HTTP.
package glossia

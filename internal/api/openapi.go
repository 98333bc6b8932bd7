package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/glossia/glossia"
)

// Operation describes one endpoint for the OpenAPI document.
type Operation struct {
	Method, Path string
	ID, Summary  string
	Description  string
	Tag          string
	// Scope is the scope a token needs; "" means any valid token.
	Scope glossia.Scope
	// Public operations need no authentication.
	Public bool
	// Query names the query parameters (components/parameters).
	Query []string
	// Body names the request body schema; OptionalBody allows leaving it out.
	Body         string
	OptionalBody bool
	// Status is the success status and Result its schema ("" for none).
	Status int
	Result string
	// ResultType is the media type of a non-JSON result.
	ResultType string
	// Location says a 201 carries a Location header.
	Location bool
	// Errors are the error statuses besides those every authenticated
	// operation may answer (400, 401, 429, 500) and those implied by a
	// scope (403), path parameters (404) and a body (413, 415).
	Errors []int
	// AltStatus is a second success status with the same body (PUT voice).
	AltStatus int
}

// Document returns the OpenAPI 3.1 document of the API as indented JSON.
func Document(baseURL, version string) []byte {
	paths := obj{}
	for _, op := range Operations() {
		item, _ := paths[op.Path].(obj)
		if item == nil {
			item = obj{}
			paths[op.Path] = item
		}
		item[strings.ToLower(op.Method)] = op.build()
	}
	if version == "" {
		version = "dev"
	}
	if baseURL == "" {
		baseURL = "/"
	}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":   "Glossia API",
			"version": version,
			"description": "The REST API of Glossia. Authenticate with an account token: `Authorization: Bearer glsa_…`. " +
				"A token's scopes are the most it can do; the owner's roles in accounts still apply. " +
				"Every error is RFC 9457 problem details with a stable `error` code. Lists take `limit` (1–100, default 20) " +
				"and an opaque `cursor`, and answer `next_cursor` (null on the last page). Timestamps are RFC 3339 UTC.",
		},
		"servers": []obj{{"url": baseURL}},
		"tags": []obj{
			{"name": "tokens", "description": "Account tokens of the caller."},
			{"name": "user", "description": "The calling user and their accounts."},
			{"name": "organizations", "description": "Organizations and their members."},
			{"name": "projects", "description": "Projects of accounts."},
			{"name": "voice", "description": "Voices of accounts, versioned."},
			{"name": "meta", "description": "Discovery and operations."},
		},
		"security": []obj{{"accountToken": []string{}}},
		"paths":    paths,
		"components": obj{
			"schemas":    schemas(),
			"parameters": parameters(),
			"headers":    headers(),
			"responses":  errorResponses(),
			"securitySchemes": obj{"accountToken": obj{
				"type": "http", "scheme": "bearer", "bearerFormat": "glsa_ account token",
				"description": "An account token, created in the dashboard (API → Account tokens) or with POST /api/tokens. " +
					"The scopes listed on an operation are the ones the token must hold.",
			}},
		},
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("api: the OpenAPI document does not encode: " + err.Error())
	}
	return append(out, '\n')
}

// OpenAPI answers GET /api/openapi.json with the OpenAPI 3.1 document.
func (a *API) OpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(a.openapi)
	return err
}

func (op Operation) build() obj {
	o := obj{"operationId": op.ID, "summary": op.Summary, "tags": []string{op.Tag}}
	desc := op.Description
	switch {
	case op.Public:
		o["security"] = []obj{}
	case op.Scope != "":
		o["security"] = []obj{{"accountToken": []string{string(op.Scope)}}}
		desc = strings.TrimSpace(desc + "\n\nRequires the `" + string(op.Scope) + "` scope.")
	default:
		desc = strings.TrimSpace(desc + "\n\nAny valid token may call it; no scope is needed.")
	}
	o["description"] = desc
	var params []obj
	for _, name := range pathParams(op.Path) {
		params = append(params, obj{"$ref": "#/components/parameters/" + name})
	}
	for _, name := range op.Query {
		params = append(params, obj{"$ref": "#/components/parameters/" + name})
	}
	if len(params) > 0 {
		o["parameters"] = params
	}
	if op.Body != "" {
		o["requestBody"] = obj{
			"required": !op.OptionalBody,
			"content":  obj{"application/json": obj{"schema": ref(op.Body)}},
		}
	}
	o["responses"] = op.responses()
	return o
}

func (op Operation) responses() obj {
	res := obj{}
	res[strconv.Itoa(op.Status)] = op.success(op.Status)
	if op.AltStatus != 0 {
		res[strconv.Itoa(op.AltStatus)] = op.success(op.AltStatus)
	}
	errs := slices.Clone(op.Errors)
	if !op.Public {
		errs = append(errs, 400, 401, 429, 500)
	}
	if op.Scope != "" {
		errs = append(errs, 403)
	}
	if len(pathParams(op.Path)) > 0 {
		errs = append(errs, 404)
	}
	if op.Body != "" {
		errs = append(errs, 413, 415)
	}
	for _, status := range errs {
		res[strconv.Itoa(status)] = obj{"$ref": "#/components/responses/" + errorResponseName(status)}
	}
	return res
}

func (op Operation) success(status int) obj {
	r := obj{"description": http.StatusText(status)}
	h := obj{"X-Request-Id": obj{"$ref": "#/components/headers/X-Request-Id"}}
	if !op.Public {
		h[TokenExpiresHeader] = obj{"$ref": "#/components/headers/" + TokenExpiresHeader}
	}
	if op.Location && status == http.StatusCreated {
		h["Location"] = obj{"$ref": "#/components/headers/Location"}
	}
	r["headers"] = h
	switch {
	case op.ResultType != "":
		schema := obj{"type": "string"}
		if op.ResultType == "application/json" {
			schema = obj{"type": "object"}
		}
		r["content"] = obj{op.ResultType: obj{"schema": schema}}
	case op.Result != "":
		r["content"] = obj{"application/json": obj{"schema": ref(op.Result)}}
	}
	return r
}

// pathParams returns the names of the {parameters} of a path template.
func pathParams(path string) []string {
	var names []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

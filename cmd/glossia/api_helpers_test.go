package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/glossia/glossia"
	"github.com/glossia/glossia/client"
)

// apiServer is a started server with what the REST API tests need: its
// OpenAPI document, against which every response the tests receive is
// validated.
type apiServer struct {
	*testServer
	doc    *openapi3.T
	router routers.Router
}

// startAPIServer starts a server (see startServer, which also checks at
// cleanup that its logs hold no token secret) and loads the OpenAPI
// document it serves.
func startAPIServer(t *testing.T, engine string, env ...string) *apiServer {
	t.Helper()
	srv := startServer(t, engine, env...)
	resp, err := http.Get(srv.URL + "/api/openapi.json")
	if err != nil {
		t.Fatalf("GET /api/openapi.json: %v", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("loading the served OpenAPI document: %v", err)
	}
	doc.Servers = nil // match paths whatever the address
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("the served OpenAPI document is invalid: %v", err)
	}
	return &apiServer{testServer: srv, doc: doc, router: router}
}

// secretPattern matches anything longer than a token's display prefix
// (glsa_ and 7 characters) that could be a secret or part of one.
var secretPattern = regexp.MustCompile(`glsa_[0-9A-Za-z]{8,}`)

// assertNoSecrets fails when logs contain a token secret, whole or cut.
func assertNoSecrets(t *testing.T, logs string) {
	t.Helper()
	if m := secretPattern.FindAllString(logs, 3); len(m) > 0 {
		t.Errorf("the server logged token secrets: %q", m)
	}
}

// Client returns an API client using secret whose every response is
// validated against the OpenAPI document.
func (s *apiServer) Client(t *testing.T, secret string, opts ...client.Option) *client.Client {
	return client.New(s.URL, append([]client.Option{client.WithToken(secret), client.WithHTTPClient(s.HTTP(t))}, opts...)...)
}

// HTTP returns an http.Client that validates every response against the
// OpenAPI document, failing t on any mismatch.
func (s *apiServer) HTTP(t *testing.T) *http.Client {
	return &http.Client{Transport: &validatingTransport{t: t, s: s}}
}

// validatingTransport checks each response against the OpenAPI document:
// the status must be documented for the operation and the headers and body
// must match. Responses to requests no operation describes (unknown paths
// and methods) must be problem details.
type validatingTransport struct {
	t *testing.T
	s *apiServer
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := v.s.validate(req, resp, body); err != nil {
		v.t.Errorf("%s %s → %d does not match the OpenAPI document: %v\nbody: %.500s", req.Method, req.URL.Path, resp.StatusCode, err, body)
	}
	return resp, nil
}

func (s *apiServer) validate(req *http.Request, resp *http.Response, body []byte) error {
	route, params, err := s.router.FindRoute(req)
	for _, v := range params {
		if v == "" { // the legacy router lets {id} match nothing: /api/tokens is not /api/tokens/{id}
			err = errors.New("no route")
		}
	}
	if err != nil {
		if resp.StatusCode != 404 && resp.StatusCode != 405 {
			return errors.New("no operation describes this request, yet it did not answer 404 or 405")
		}
		return s.validateProblem(resp, body)
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
}

func (s *apiServer) validateProblem(resp *http.Response, body []byte) error {
	name := "NotFound"
	if resp.StatusCode == 405 {
		name = "MethodNotAllowed"
	}
	ref := s.doc.Components.Responses[name]
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		return errors.New("Content-Type " + ct + ", want application/problem+json")
	}
	var value any
	if err := json.Unmarshal(body, &value); err != nil {
		return err
	}
	schema := ref.Value.Content.Get("application/problem+json").Schema.Value
	return schema.VisitJSON(value, openapi3.EnableJSONSchema2020())
}

// metric scrapes /metrics and returns the value of an unlabelled counter.
func (s *apiServer) metric(t *testing.T, name string) float64 {
	t.Helper()
	resp, err := s.HTTP(t).Get(s.URL + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("metric %s: %v", name, err)
			}
			return f
		}
	}
	t.Fatalf("metric %s not found in /metrics", name)
	return 0
}

// rawResponse is a response read whole.
type rawResponse struct {
	Status int
	Header http.Header
	Body   string
}

// Raw sends one request with the given headers ("Name: value" pairs) and
// body through the validating transport.
func (s *apiServer) Raw(t *testing.T, method, path, body string, headers ...string) rawResponse {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ": ")
		req.Header.Add(name, value)
	}
	resp, err := s.HTTP(t).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: string(data)}
}

// problem decodes a problem+json body, failing on anything else.
func (r rawResponse) problem(t *testing.T) map[string]any {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json; body %s", ct, r.Body)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
		t.Fatalf("problem body: %v: %s", err, r.Body)
	}
	return p
}

// mustCode fails t unless err is a *glossia.Error with code (and, when
// given, the required scope).
func mustCode(t *testing.T, err error, code string, scope ...glossia.Scope) *glossia.Error {
	t.Helper()
	e := glossia.AsError(err)
	if e == nil || e.Code != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
	if len(scope) > 0 && e.RequiredScope != scope[0] {
		t.Fatalf("required scope %q, want %q", e.RequiredScope, scope[0])
	}
	return e
}

// must returns a function that fails t on err and otherwise returns v:
// must(c.CurrentUser(ctx))(t).
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

// bearer is the Authorization header of secret, for Raw.
func bearer(secret string) string { return "Authorization: Bearer " + secret }

// Package api is the REST API under /api: thin handlers over the glossia
// services, one mapping from domain errors to RFC 9457 problem details, and
// the OpenAPI 3.1 document of the whole surface.
//
// Every handler decodes its input, calls one service method and encodes the
// result. Scopes, policy and validation live in the services; the actor
// comes from the request context, put there by the server's Bearer
// authentication.
package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/glossia/glossia"
)

// Options configure an API.
type Options struct {
	// Services are the domain services the handlers call.
	Services glossia.Services
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger
	// BaseURL is the public URL of the server, without a trailing slash. It
	// names the OAuth protected-resource metadata in WWW-Authenticate
	// challenges, Location headers and the OpenAPI document.
	BaseURL string
	// Version is the build version shown in the OpenAPI document.
	Version string
}

// API holds the REST handlers. Its methods with the HandlerFunc signature
// are the endpoints; internal/server routes them.
type API struct {
	svc     glossia.Services
	logger  *slog.Logger
	baseURL string
	openapi []byte
}

// New returns the API over o.Services.
func New(o Options) *API {
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	base := strings.TrimRight(o.BaseURL, "/")
	return &API{svc: o.Services, logger: logger, baseURL: base, openapi: Document(base, o.Version)}
}

// HandlerFunc is an API endpoint: it writes a success response, or returns
// an error that Handle turns into problem details.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts h to an http.Handler. Every response is marked
// Cache-Control: no-store (some carry secrets, none should be cached), and
// a returned error is written with WriteError.
func (a *API) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if err := h(w, r); err != nil {
			a.WriteError(w, r, err)
		}
	})
}

// writeJSON writes v as the JSON body of a response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	if err != nil {
		return errAlreadyWritten{err}
	}
	return nil
}

// errAlreadyWritten marks a failure after the response started: there is
// nothing left to tell the client.
type errAlreadyWritten struct{ err error }

func (e errAlreadyWritten) Error() string { return "writing the response: " + e.err.Error() }
func (e errAlreadyWritten) Unwrap() error { return e.err }

// created writes a 201 response with a Location header.
func created(w http.ResponseWriter, location string, v any) error {
	w.Header().Set("Location", location)
	return writeJSON(w, http.StatusCreated, v)
}

// noContent writes a 204 response.
func noContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

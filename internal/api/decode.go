package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/glossia/glossia"
)

// MaxBodyBytes is the largest request body the API reads (SPEC §6).
const MaxBodyBytes = 1 << 20

// decode reads r's JSON body into v. The body must be one JSON object of at
// most MaxBodyBytes sent as application/json, with no field v does not
// know. Failures are 400 invalid_request, 413 or 415.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeBody(w, r, v, false)
}

// decodeOptional is decode for endpoints whose body may be left out: an
// empty body leaves v unchanged.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeBody(w, r, v, true)
}

func decodeBody(w http.ResponseWriter, r *http.Request, v any, optional bool) error {
	if r.ContentLength == 0 {
		if optional {
			return nil
		}
		return invalidRequest("a JSON request body is required")
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		return &StatusError{Status: http.StatusUnsupportedMediaType, Code: CodeUnsupportedType,
			Detail: "the request body must be sent as Content-Type: application/json"}
	}
	if r.ContentLength > MaxBodyBytes {
		return tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return tooLarge()
	case err != nil:
		return invalidRequest("the request body could not be read")
	}
	body = bytes.TrimSpace(body)
	switch {
	case len(body) == 0 && optional:
		return nil
	case len(body) == 0:
		return invalidRequest("a JSON request body is required")
	case body[0] != '{':
		return invalidRequest("the request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return invalidRequest(jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalidRequest("the request body must hold exactly one JSON value")
	}
	return nil
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

func tooLarge() error {
	return &StatusError{Status: http.StatusRequestEntityTooLarge, Code: CodeTooLarge,
		Detail: "the request body must be at most 1 MiB"}
}

func invalidRequest(msg string) error {
	return &glossia.Error{Code: glossia.EINVALID, Message: msg}
}

// jsonProblem explains a JSON decoding error without echoing values, which
// might be secrets pasted in the wrong field.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var ts *time.ParseError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("malformed JSON at byte %d", syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "malformed JSON: the body ends too early"
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("field %q must be %s, not %s", typ.Field, jsonKind(typ.Type), typ.Value)
	case errors.As(err, &typ):
		return fmt.Sprintf("the body must be %s, not %s", jsonKind(typ.Type), typ.Value)
	case errors.As(err, &ts):
		return "timestamps must be RFC 3339, such as 2030-01-02T15:04:05Z"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "malformed JSON"
}

// jsonKind names the JSON form of a Go type, for error messages.
func jsonKind(t reflect.Type) string {
	if t == reflect.TypeFor[time.Time]() {
		return "an RFC 3339 timestamp string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "an object"
}

// pageRequest reads the limit and cursor query parameters. A limit that is
// not a number is a 400; one out of range is left to the service (422).
func pageRequest(r *http.Request) (glossia.PageRequest, error) {
	q := r.URL.Query()
	p := glossia.PageRequest{Cursor: q.Get("cursor")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return p, invalidRequest(`query parameter "limit" must be a whole number from 1 to 100`)
		}
		p.Limit = n
	}
	return p, nil
}

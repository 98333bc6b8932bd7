package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/glossia/glossia"
	"github.com/glossia/glossia/internal/api"
)

// MustLoadDocument loads and validates the served OpenAPI document.
func MustLoadDocument(tb testing.TB) *openapi3.T {
	tb.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.Document("http://127.0.0.1:8080", "test"))
	if err != nil {
		tb.Fatalf("loading the OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableMultiError()); err != nil {
		tb.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	return doc
}

func TestDocumentIsValidOpenAPI31(t *testing.T) {
	doc := MustLoadDocument(t)
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi = %q, want 3.1", doc.OpenAPI)
	}
}

func TestDocumentDescribesEveryOperation(t *testing.T) {
	doc := MustLoadDocument(t)
	ids := map[string]bool{}
	for _, op := range api.Operations() {
		t.Run(op.Method+" "+op.Path, func(t *testing.T) {
			item := doc.Paths.Value(op.Path)
			if item == nil {
				t.Fatalf("path missing")
			}
			o := item.GetOperation(op.Method)
			if o == nil {
				t.Fatalf("operation missing")
			}
			if ids[o.OperationID] {
				t.Errorf("operationId %q used twice", o.OperationID)
			}
			ids[o.OperationID] = true
			if o.Responses.Status(op.Status) == nil {
				t.Errorf("success status %d not documented", op.Status)
			}
			if op.Public {
				return
			}
			for _, status := range []int{400, 401, 429, 500} {
				if o.Responses.Status(status) == nil {
					t.Errorf("status %d not documented", status)
				}
			}
			if op.Scope != "" {
				if o.Security == nil || len(*o.Security) != 1 || strings.Join((*o.Security)[0]["accountToken"], " ") != string(op.Scope) {
					t.Errorf("security = %v, want the scope %s", o.Security, op.Scope)
				}
				if o.Responses.Status(403) == nil {
					t.Errorf("403 not documented for a scoped operation")
				}
			}
		})
	}
}

func TestDocumentListsTheScopeCatalogue(t *testing.T) {
	doc := MustLoadDocument(t)
	enum := doc.Components.Schemas["Scope"].Value.Enum
	if len(enum) != len(glossia.AllScopes()) {
		t.Fatalf("Scope enum has %d values, the catalogue %d", len(enum), len(glossia.AllScopes()))
	}
	for i, s := range glossia.AllScopes() {
		if enum[i] != string(s) {
			t.Errorf("Scope enum[%d] = %v, want %s", i, enum[i], s)
		}
	}
}

func TestDocumentWithoutBaseURLIsValid(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Document("", ""))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Errorf("invalid without a base URL: %v", err)
	}
}

func TestDocumentIsStable(t *testing.T) {
	first, second := api.Document("http://x", "1"), api.Document("http://x", "1")
	if string(first) != string(second) {
		t.Error("two builds of the document differ")
	}
}

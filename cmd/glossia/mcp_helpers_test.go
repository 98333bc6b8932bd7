package main

import (
	"net/http"
	"testing"
)

// mcpGet sends a GET to u with secret as the bearer token and returns the
// response, its body already closed.
func mcpGet(t *testing.T, u, secret string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

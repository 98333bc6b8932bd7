// Command baseline is the ceiling of the HTTP stack for the load test: a
// bare net/http server answering every request with a small JSON body, the
// size of GET /api/user's.
package main

import (
	"flag"
	"log"
	"net/http"
)

const body = `{"id":"0197a1b2-0000-7000-8000-000000000001","handle":"load","email":"load@example.com","name":"Load","created_at":"2030-01-01T00:00:00Z","updated_at":"2030-01-01T00:00:00Z"}` + "\n"

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "address to listen on")
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}

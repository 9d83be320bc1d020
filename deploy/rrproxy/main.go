// Command rrproxy is the round-robin reverse proxy of deploy/cluster.sh:
//
//	rrproxy --listen 127.0.0.1:8080 http://127.0.0.1:8081 http://127.0.0.1:8082 ...
//
// It stands in for a production load balancer on one machine; it is not
// one (no TLS, no health endpoint of its own).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/kycd/kycd/internal/rrproxy"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	p, err := rrproxy.New(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	go p.Check(context.Background(), time.Second)
	srv := &http.Server{Addr: *listen, Handler: p, ReadHeaderTimeout: 10 * time.Second}
	log.Printf("rrproxy on %s → %v", *listen, flag.Args())
	log.Fatal(srv.ListenAndServe())
}

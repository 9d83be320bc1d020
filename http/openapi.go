package http

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/kycd/kycd"
)

// openapiYAML is the API's contract, written by hand in YAML (easier to
// review than JSON) and served as JSON. Tests validate it and compare its
// paths with the route table.
//
//go:embed openapi.yaml
var openapiYAML []byte

var openapiJSON = sync.OnceValues(func() ([]byte, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		return nil, err
	}
	return json.Marshal(doc)
})

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request, _ kycd.Principal) {
	b, err := openapiJSON()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

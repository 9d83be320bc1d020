package http

import (
	"io"
	"net/http"
	"strings"

	"github.com/tus/tusd/v2/pkg/handler"
	"github.com/tus/tusd/v2/pkg/memorylocker"
	expslog "golang.org/x/exp/slog"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/tusstore"
)

// UploadsPath is where the tus endpoint is mounted.
const UploadsPath = "/v1/uploads/"

// newTus builds tusd's unrouted handler over kycd's store. The creation and
// termination extensions are on; downloads are off (documents are read
// through the API, with authorization and audit), and so is concatenation.
func (s *Server) newTus() *handler.UnroutedHandler {
	comp := handler.NewStoreComposer()
	tusstore.New(s.svc).UseIn(comp)
	// The lock serialises requests on one upload within an instance; across
	// instances the store's compare-and-set on the offset keeps writes
	// consistent.
	memorylocker.New().UseIn(comp)
	h, err := handler.NewUnroutedHandler(handler.Config{
		BasePath:                UploadsPath,
		StoreComposer:           comp,
		MaxSize:                 kycd.MaxVideoBytes,
		DisableDownload:         true,
		DisableConcatenation:    true,
		RespectForwardedHeaders: s.opt.TrustProxyHeaders,
		Cors:                    &handler.CorsConfig{Disable: true},
		// tusd logs every request with its URL; kycd logs requests itself.
		Logger: expslog.New(expslog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		panic("http: tus handler: " + err.Error()) // only on an invalid static config
	}
	return h
}

func (s *Server) tusHandler(f func(h *handler.UnroutedHandler) http.HandlerFunc) func(http.ResponseWriter, *http.Request, kycd.Principal) {
	return func(w http.ResponseWriter, r *http.Request, p kycd.Principal) {
		// tusd's handlers read the upload id from the path below the base.
		r = r.WithContext(httperr.WithLang(r.Context(), s.lang(r)))
		http.StripPrefix(strings.TrimSuffix(UploadsPath, "/"), s.tus.Middleware(f(s.tus))).ServeHTTP(w, r)
	}
}

package web

import (
	"net/http"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
)

// accountData is the "your data" page: the download, and closing the
// account with what the closure kept.
type accountData struct {
	Report *kycd.ClosureReport
}

func (s *server) handleAccountPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account", s.newPage(r, "web.account.title", accountData{}))
}

// handleAccountExport sends the ZIP the service builds (GET /v1/me/export
// gives the same file to API clients).
func (s *server) handleAccountExport(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	x, err := s.svc.ExportAccount(r.Context(), rc.Principal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="kycd-export-`+rc.Principal.AccountID+`.zip"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := x.WriteZIP(r.Context(), w); err != nil {
		s.log.ErrorContext(r.Context(), "export interrupted", "err", err)
	}
}

// handleAccountClose closes the account after the password is given
// again, signs the browser out and shows what was kept and why.
func (s *server) handleAccountClose(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	rep, err := s.svc.CloseAccount(r.Context(), rc.Principal, r.PostFormValue("password"))
	if err != nil {
		p := s.newPage(r, "web.account.title", accountData{})
		p.Error = s.errorText(r, err)
		s.render(w, r, httperr.Of(err).Status, "account", p)
		return
	}
	for i := range rep.Kept {
		rep.Kept[i].Reason = rep.Kept[i].Reason.Localize(rc.Lang)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode})
	p := s.newPage(r, "web.account.closed_title", accountData{Report: rep})
	p.SignedIn = false
	s.render(w, r, http.StatusOK, "account", p)
}

package web

import (
	"net/http"
	"strings"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
)

// dialCodes are the country picker's choices, commonest first for kycd's
// users; names come from the catalogue (web.country.XX).
var dialCodes = []struct{ Region, Dial string }{
	{"CN", "+86"}, {"HK", "+852"}, {"MO", "+853"}, {"TW", "+886"}, {"SG", "+65"}, {"MY", "+60"},
	{"JP", "+81"}, {"KR", "+82"}, {"US", "+1"}, {"GB", "+44"}, {"AU", "+61"}, {"DE", "+49"},
}

// form is a re-shown form: the values typed (never the password) and the
// error of each field.
type form struct {
	Values map[string]string
	Errors map[string]string
}

func newForm() *form { return &form{Values: map[string]string{}, Errors: map[string]string{}} }

// Invalid is used by templates for aria-invalid.
func (f *form) Invalid(field string) bool { return f.Errors[field] != "" }

// fieldOf says which field a registration or login error concerns, so the
// message appears beside it.
func fieldOf(code string) string {
	switch {
	case code == "email.invalid", code == "account.exists":
		return "email"
	case code == "phone.invalid":
		return "phone"
	case strings.HasPrefix(code, "password."):
		return "password"
	case code == "invite.unknown":
		return "invite_code"
	case strings.HasPrefix(code, "otp."):
		return "code"
	}
	return ""
}

// formError puts each error beside its field (a registration reports all
// of its mistakes at once, errors.Join) and returns the text of those that
// concern no field.
func (s *server) formError(r *http.Request, f *form, err error) string {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var general []string
	for _, e := range errs {
		msg := s.errorText(r, e)
		if field := fieldOf(kycd.ErrorCode(e)); field != "" {
			f.Errors[field] = msg
		} else {
			general = append(general, msg)
		}
	}
	return strings.Join(general, " ")
}

type registerData struct {
	Form  *form
	Dials []struct{ Region, Dial string }
}

func (s *server) handleRegisterForm(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["invite_code"] = r.URL.Query().Get("invite")
	f.Values["dial"] = "+86"
	s.render(w, r, http.StatusOK, "register", s.newPage(r, "web.register.title", registerData{Form: f, Dials: dialCodes}))
}

// phoneNumber joins the picker's country code to the typed number unless
// the person typed an international number themselves.
func phoneNumber(dial, typed string) string {
	typed = strings.TrimSpace(typed)
	if strings.HasPrefix(typed, "+") || strings.HasPrefix(typed, "00") {
		return typed
	}
	return dial + strings.TrimLeft(typed, "0")
}

func (s *server) handleRegister(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	for _, k := range []string{"email", "dial", "phone", "invite_code"} {
		f.Values[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	rc := reqOf(r)
	_, token, err := s.svc.Register(r.Context(), kycd.RegisterInput{Email: f.Values["email"],
		Phone: phoneNumber(f.Values["dial"], f.Values["phone"]), Password: r.PostFormValue("password"),
		InviteCode: f.Values["invite_code"], Locale: rc.Lang, ClientIP: clientIP(r)})
	if err != nil {
		p := s.newPage(r, "web.register.title", registerData{Form: f, Dials: dialCodes})
		p.Error = s.formError(r, f, err)
		s.render(w, r, httperr.Of(err).Status, "register", p)
		return
	}
	s.setSession(w, r, token)
	http.Redirect(w, r, "/verify", http.StatusSeeOther)
}

type verifyData struct {
	Form    *form
	Profile *kycd.Profile
}

func (s *server) handleVerifyForm(w http.ResponseWriter, r *http.Request) {
	prof, err := s.svc.Me(r.Context(), reqOf(r).Principal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if prof.EmailVerified && prof.PhoneVerified {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "verify", s.newPage(r, "web.verify.title", verifyData{Form: newForm(), Profile: prof}))
}

// handleVerify confirms whichever codes were typed, or sends a new code
// when a resend button was pressed.
func (s *server) handleVerify(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	f := newForm()
	notice := ""
	if ch := r.PostFormValue("resend"); ch == "email" || ch == "phone" {
		if err := s.svc.Resend(r.Context(), rc.Principal, ch); err != nil {
			f.Errors[ch+"_code"] = s.errorText(r, err)
		} else {
			notice = reason.T(rc.Lang, "web.verify.resent")
		}
	} else {
		for _, ch := range []string{"email", "phone"} {
			code := strings.TrimSpace(r.PostFormValue(ch + "_code"))
			f.Values[ch+"_code"] = code
			if code == "" {
				continue
			}
			if _, err := s.svc.Verify(r.Context(), rc.Principal, ch, code); err != nil {
				f.Errors[ch+"_code"] = s.errorText(r, err)
			}
		}
	}
	prof, err := s.svc.Me(r.Context(), rc.Principal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if prof.EmailVerified && prof.PhoneVerified {
		http.Redirect(w, r, "/?verified=1", http.StatusSeeOther)
		return
	}
	p := s.newPage(r, "web.verify.title", verifyData{Form: f, Profile: prof})
	p.Notice = notice
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "verify", p)
}

type loginData struct {
	Form *form
	Next string
}

func (s *server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", s.newPage(r, "web.login.title",
		loginData{Form: newForm(), Next: safeNext(r.URL.Query().Get("next"), "")}))
}

func (s *server) handleLogin(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["email"] = strings.TrimSpace(r.PostFormValue("email"))
	next := safeNext(r.PostFormValue("next"), "")
	a, token, err := s.svc.Login(r.Context(), f.Values["email"], r.PostFormValue("password"), clientIP(r))
	if err != nil {
		p := s.newPage(r, "web.login.title", loginData{Form: f, Next: next})
		p.Error = s.errorText(r, err)
		s.render(w, r, httperr.Of(err).Status, "login", p)
		return
	}
	s.setSession(w, r, token)
	home := "/"
	switch a.Role {
	case kycd.RoleAdmin:
		home = "/admin"
	case kycd.RoleReviewer, kycd.RoleSeniorReviewer:
		home = "/review"
	}
	http.Redirect(w, r, safeNext(next, home), http.StatusSeeOther)
}

func (s *server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.svc.Logout(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type resetData struct {
	Form *form
	// Sent is true once a code was requested: the page then asks for the
	// code and the new password.
	Sent bool
}

func (s *server) handleResetForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "reset", s.newPage(r, "web.reset.title", resetData{Form: newForm()}))
}

func (s *server) handleReset(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["email"] = strings.TrimSpace(r.PostFormValue("email"))
	d := resetData{Form: f}
	p := s.newPage(r, "web.reset.title", &d)
	if r.PostFormValue("step") != "confirm" {
		status := http.StatusOK
		if err := s.svc.RequestPasswordReset(r.Context(), f.Values["email"], clientIP(r)); err != nil {
			p.Error = s.errorText(r, err)
			status = httperr.Of(err).Status
		} else {
			d.Sent = true
			p.Notice = p.T("web.reset.sent")
		}
		s.render(w, r, status, "reset", p)
		return
	}
	d.Sent = true
	err := s.svc.ResetPassword(r.Context(), f.Values["email"], strings.TrimSpace(r.PostFormValue("code")),
		r.PostFormValue("password"), clientIP(r))
	if err != nil {
		p.Error = s.formError(r, f, err)
		s.render(w, r, httperr.Of(err).Status, "reset", p)
		return
	}
	http.Redirect(w, r, "/login?reset=1", http.StatusSeeOther)
}

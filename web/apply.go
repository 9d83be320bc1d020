package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/identity"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
)

// levelView is one level of the policy as the overview shows it.
type levelView struct {
	Number   int
	Name     string
	Limits   kycd.Limits
	Requires []string
	Reached  bool
	Current  bool
	Next     bool
}

type homeData struct {
	Profile *kycd.Profile
	Levels  []levelView
	Next    *levelView
	Open    *kycd.ApplicationView
	// Rejected is a final rejection of the next level whose waiting
	// period runs: no "start" button then, but the date.
	Rejected *kycd.ApplicationView
	Verified bool
}

func (s *server) levels(lang string, current int) []levelView {
	var out []levelView
	for _, l := range s.svc.Policy.Levels {
		out = append(out, levelView{Number: l.Number, Name: l.Name[lang], Limits: l.Limits, Requires: l.Requires,
			Reached: l.Number <= current, Current: l.Number == current, Next: l.Number == current+1})
	}
	return out
}

func (s *server) handleHome(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	if rc.SignedIn && rc.Principal.Role.Staff() {
		if rc.Principal.Role == kycd.RoleAdmin {
			http.Redirect(w, r, "/admin", http.StatusSeeOther)
		} else {
			http.Redirect(w, r, "/review", http.StatusSeeOther)
		}
		return
	}
	d := homeData{Levels: s.levels(rc.Lang, -1), Verified: r.URL.Query().Get("verified") != ""}
	if rc.SignedIn {
		prof, err := s.svc.Me(r.Context(), rc.Principal)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Profile = prof
		d.Levels = s.levels(rc.Lang, prof.Level)
		for i := range d.Levels {
			if d.Levels[i].Next {
				d.Next = &d.Levels[i]
			}
		}
		apps, err := s.svc.ListApplications(r.Context(), rc.Principal)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, a := range apps {
			switch {
			case a.Level != prof.Level+1:
			case a.State.Open():
				d.Open = a
			case a.ReapplyAt != nil:
				d.Rejected = a
			}
		}
	}
	s.render(w, r, http.StatusOK, "home", s.newPage(r, "web.home.title", d))
}

// handleApplyStart opens the application for the next level, or goes to
// the one already open.
func (s *server) handleApplyStart(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	prof, err := s.svc.Me(r.Context(), rc.Principal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.svc.OpenApplication(r.Context(), rc.Principal, prof.Level+1)
	if err != nil {
		var e *kycd.Error
		if kycd.ErrorCode(err) == "application.exists" {
			if e = asError(err); e != nil && len(e.Params) == 2 && e.Params[1] != "" {
				http.Redirect(w, r, "/apply/"+e.Params[1], http.StatusSeeOther)
				return
			}
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/apply/"+v.ID+"/identity", http.StatusSeeOther)
}

// application loads the caller's application named in the path, or shows
// "not found".
func (s *server) application(w http.ResponseWriter, r *http.Request) *kycd.ApplicationView {
	v, err := s.svc.GetApplication(r.Context(), reqOf(r).Principal, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return nil
	}
	v.Localize(reqOf(r).Lang)
	return v
}

// handleApplyStep sends the applicant to the first step with work left.
func (s *server) handleApplyStep(w http.ResponseWriter, r *http.Request) {
	v := s.application(w, r)
	if v == nil {
		return
	}
	base := "/apply/" + v.ID
	switch {
	case v.State != kycd.StateDraft:
		http.Redirect(w, r, "/status", http.StatusSeeOther)
	case v.Identity.DocumentType == "" && v.Identity.FullName == "":
		http.Redirect(w, r, base+"/identity", http.StatusSeeOther)
	case len(v.Documents) < len(v.Requirements.Documents):
		http.Redirect(w, r, base+"/documents", http.StatusSeeOther)
	default:
		http.Redirect(w, r, base+"/review", http.StatusSeeOther)
	}
}

// nationalities offered in the form (ISO 3166-1 alpha-3); names come from
// the catalogue.
var nationalities = []string{"CHN", "HKG", "MAC", "TWN", "SGP", "MYS", "JPN", "KOR", "USA", "GBR", "CAN", "AUS", "DEU", "FRA"}

type identityData struct {
	App           *kycd.ApplicationView
	Form          *form
	Findings      map[string][]reason.Finding
	Other         []reason.Finding
	Types         []string
	Nationalities []string
	Editable      bool
	NeedAddress   bool
	Step          int
	Saved         bool
}

func (s *server) identityPage(r *http.Request, v *kycd.ApplicationView, f *form, fs []reason.Finding) *page {
	d := &identityData{App: v, Form: f, Findings: map[string][]reason.Finding{}, Types: identity.DocumentTypes(),
		Nationalities: nationalities, Editable: slices.Contains(v.Editable, "identity"), NeedAddress: v.Requirements.NeedsField("address"), Step: 1}
	for _, x := range fs {
		if x.Field != "" && slices.Contains(kycd.IdentityFormFields, x.Field) {
			d.Findings[x.Field] = append(d.Findings[x.Field], x)
		} else {
			d.Other = append(d.Other, x)
		}
	}
	return s.newPage(r, "web.identity.title", d)
}

func identityForm(id kycd.Identity) *form {
	f := newForm()
	f.Values = map[string]string{"full_name": id.FullName, "latin_name": id.LatinName, "document_type": id.DocumentType,
		"document_number": id.DocumentNumber, "birth_date": id.BirthDate, "sex": id.Sex, "nationality": id.Nationality,
		"expiry_date": id.ExpiryDate, "address": id.Address}
	if f.Values["document_type"] == "" {
		f.Values["document_type"] = "cn_rid"
	}
	if f.Values["nationality"] == "" {
		f.Values["nationality"] = "CHN"
	}
	return f
}

func (s *server) handleIdentityForm(w http.ResponseWriter, r *http.Request) {
	v := s.application(w, r)
	if v == nil {
		return
	}
	s.render(w, r, http.StatusOK, "identity", s.identityPage(r, v, identityForm(v.Identity), v.Findings))
}

func (s *server) handleIdentity(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	in := kycd.Identity{}
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	in.FullName, in.LatinName, in.DocumentType, in.DocumentNumber = get("full_name"), get("latin_name"), get("document_type"), get("document_number")
	in.BirthDate, in.Sex, in.Nationality, in.ExpiryDate, in.Address = get("birth_date"), get("sex"), get("nationality"), get("expiry_date"), get("address")
	v, err := s.svc.SaveIdentity(r.Context(), rc.Principal, r.PathValue("id"), in)
	if err != nil {
		v := s.application(w, r)
		if v == nil {
			return
		}
		p := s.identityPage(r, v, identityForm(in), nil)
		p.Error = s.errorText(r, err)
		s.render(w, r, httperr.Of(err).Status, "identity", p)
		return
	}
	fs := reason.LocalizeAll(v.Findings, rc.Lang)
	if !reason.AnyBlocking(fs) {
		next := "/apply/" + v.ID + "/documents"
		if v.State == kycd.StateActionRequired {
			next = "/apply/" + v.ID + "/review"
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	// Saved as typed (normalised), so nothing is lost; the findings say
	// what to fix before going on.
	p := s.identityPage(r, v, identityForm(v.Identity), fs)
	p.Error = p.T("web.identity.fix_first")
	p.Data.(*identityData).Saved = true
	s.render(w, r, http.StatusUnprocessableEntity, "identity", p)
}

// docCard is one required document on the documents page.
type docCard struct {
	Kind     string
	Accept   string
	Capture  string
	Doc      *kycd.DocumentView
	Editable bool
	Photo    bool
	Video    bool
	Good     string
	Mistakes []mistake
	Phrase   string
	MaxMB    int64
	MaxBytes int64
	// TooLarge and BadType are the refusals the browser shows before
	// uploading a file over the limit or of a type the kind does not take.
	TooLarge, BadType reason.Finding
	// Redo marks a document the reviewer asked to redo and that is not
	// replaced yet; Reasons are the reviewer's reasons for it.
	Redo    bool
	Reasons []reason.Finding
	// ReadPending: the photo is being read. Read lists, once it is, the
	// values read that the identity form has, and ReadFindings the
	// cross-check's findings on this photo.
	ReadPending  bool
	Read         []readValue
	ReadFindings []reason.Finding
}

type readValue struct{ Field, Value string }

type mistake struct {
	Picture string
	Message string
	Fix     string
}

type documentsData struct {
	App   *kycd.ApplicationView
	Cards []docCard
	Step  int
	// ReadFields orders the values read, for the script that shows a
	// reading landing after the upload's answer.
	ReadFields []string
}

// commonMistakes are the three commonest refusals per kind of photo, from
// the photo checks' reason codes (their catalogue texts are the captions).
var commonMistakes = map[string][]string{
	"document": {"photo.blurry", "photo.glare", "photo.document_cropped"},
	"selfie":   {"photo.too_dark", "photo.multiple_faces", "photo.face_too_small"},
}

func (s *server) handleDocuments(w http.ResponseWriter, r *http.Request) {
	v := s.application(w, r)
	if v == nil {
		return
	}
	lang := reqOf(r).Lang
	d := documentsData{App: v, Step: 2, ReadFields: kycd.ComparedFields}
	for _, req := range v.Requirements.Documents {
		c := docCard{Kind: req.Kind, Accept: strings.Join(req.Accept, ","), Capture: req.Capture,
			Editable: slices.Contains(v.Editable, req.Kind), Photo: kycd.IsPhotoKind(req.Kind), Video: req.Kind == kycd.KindSelfieVideo,
			MaxMB: req.MaxBytes >> 20, MaxBytes: req.MaxBytes}
		c.TooLarge = reason.New("document.too_large", "max_mb", strconv.FormatInt(c.MaxMB, 10)).Localize(lang)
		switch {
		case c.Photo:
			c.BadType = reason.New("photo.unsupported_format").Localize(lang)
		case c.Video:
			c.BadType = reason.New("video.unsupported_format").Localize(lang)
		default:
			c.BadType = reason.New("document.unsupported_format").Localize(lang)
		}
		for i := range v.Documents {
			if v.Documents[i].Kind == req.Kind {
				c.Doc = &v.Documents[i]
			}
		}
		if c.Doc != nil && c.Doc.Read != nil {
			c.ReadPending = c.Doc.Read.State == kycd.ReadPending
			c.Read, c.ReadFindings = readValues(c.Doc.Read, req.Kind, lang)
		}
		idPhoto := kycd.IsIdentityDocumentKind(req.Kind)
		c.Redo = slices.Contains(v.RedoPending, req.Kind) || (idPhoto && slices.Contains(v.RedoPending, "documents"))
		if c.Redo {
			for _, f := range reason.LocalizeAll(v.Reasons, lang) {
				if f.Field == req.Kind || (idPhoto && f.Field == "documents") {
					c.Reasons = append(c.Reasons, f)
				}
			}
		}
		group := "document"
		if req.Kind == kycd.KindSelfie {
			group = "selfie"
		}
		if c.Photo {
			c.Good = group + "-good"
			for _, code := range commonMistakes[group] {
				f := reason.New(code, "region", "center").Localize(lang)
				c.Mistakes = append(c.Mistakes, mistake{Picture: group + "-" + strings.TrimPrefix(code, "photo."), Message: f.Message, Fix: f.Fix})
			}
		}
		if c.Video {
			c.Phrase = v.VideoPhrase
		}
		d.Cards = append(d.Cards, c)
	}
	s.render(w, r, http.StatusOK, "documents", s.newPage(r, "web.documents.title", d))
}

// readValues lists what was read from the photo of kind, in the order the
// form asks for it, and the cross-check's findings on the photo itself
// (each is also on its field, for the identity page).
func readValues(rd *kycd.DocumentRead, kind, lang string) ([]readValue, []reason.Finding) {
	var vs []readValue
	for _, f := range kycd.ComparedFields {
		v, ok := rd.Fields[f]
		if !ok {
			continue
		}
		if f == "sex" {
			v = reason.T(lang, "web.sex."+v)
		}
		vs = append(vs, readValue{Field: f, Value: v})
	}
	var fs []reason.Finding
	for _, f := range rd.Findings {
		if f.Field == kind {
			fs = append(fs, f)
		}
	}
	return vs, fs
}

// precheckItem is one line of the pre-check list: what it concerns (the
// photo or field, named as the pages name it), the finding, and where to
// fix it.
type precheckItem struct {
	reason.Finding
	Item string
	Link string
}

type reviewData struct {
	App   *kycd.ApplicationView
	Items []precheckItem
	Ready bool
	Step  int
}

// fixLink is the page (and anchor) where the item a finding concerns can
// be fixed.
func fixLink(appID, field string) string {
	base := "/apply/" + appID
	switch {
	case field == "" || kycd.IsIdentityItem(field):
		if field == "" || field == "identity" {
			return base + "/identity"
		}
		return base + "/identity#f-" + field
	}
	return base + "/documents#doc-" + field
}

func (s *server) handleApplyReview(w http.ResponseWriter, r *http.Request) {
	v := s.application(w, r)
	if v == nil {
		return
	}
	rc := reqOf(r)
	ready, fs, err := s.svc.Precheck(r.Context(), rc.Principal, v.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := reviewData{App: v, Ready: ready, Step: 3}
	for i, f := range fs {
		// Name the missing document as the page does, not by its code.
		if k := f.Params["kind"]; f.Code == "document.missing" && k != "" {
			fs[i].Params = map[string]string{"kind": reason.T(rc.Lang, "web.kind."+k)}
		}
	}
	seen := map[string]bool{}
	for _, f := range reason.LocalizeAll(fs, rc.Lang) {
		// The same finding on the same item says nothing new the second
		// time (a number read from two photos, say).
		key := f.Field + "\x00" + f.Code + "\x00" + f.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		it := precheckItem{Finding: f, Link: fixLink(v.ID, f.Field)}
		if key := "web.item." + f.Field; f.Field != "" && reason.T(rc.Lang, key) != key {
			it.Item = reason.T(rc.Lang, key)
		}
		d.Items = append(d.Items, it)
	}
	s.render(w, r, http.StatusOK, "review", s.newPage(r, "web.review.title", d))
}

func (s *server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.Submit(r.Context(), reqOf(r).Principal, r.PathValue("id")); err != nil {
		var fe *kycd.FindingsError
		if errors.As(err, &fe) {
			http.Redirect(w, r, "/apply/"+r.PathValue("id")+"/review", http.StatusSeeOther)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/status?submitted=1", http.StatusSeeOther)
}

type statusItem struct {
	App  *kycd.ApplicationView
	Redo []redoItem
}

type redoItem struct {
	Item string
	Link string
}

type statusData struct {
	Items     []statusItem
	Profile   *kycd.Profile
	Submitted bool
	// Support is how to reach the operator's support, when configured.
	Support string
}

func (s *server) handleStatus(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	apps, err := s.svc.ListApplications(r.Context(), rc.Principal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	prof, err := s.svc.Me(r.Context(), rc.Principal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := statusData{Profile: prof, Submitted: r.URL.Query().Get("submitted") != "", Support: s.svc.Settings.SupportContact}
	for _, a := range apps {
		a.Reasons = reason.LocalizeAll(a.Reasons, rc.Lang)
		it := statusItem{App: a}
		for _, item := range a.Redo {
			it.Redo = append(it.Redo, redoItem{Item: item, Link: fixLink(a.ID, item)})
		}
		d.Items = append(d.Items, it)
	}
	s.render(w, r, http.StatusOK, "status", s.newPage(r, "web.status.title", d))
}

func asError(err error) *kycd.Error {
	var e *kycd.Error
	errors.As(err, &e)
	return e
}

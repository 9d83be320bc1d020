package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/storetest"
)

// TestCaseShowsFaces: the desk shows the selfie's and the card's aligned
// faces side by side with their distance (html/template writes the "+"
// of the base64 as &#43;, which the browser reads back).
func TestCaseShowsFaces(t *testing.T) {
	faces := storetest.FaceMatcher(t)
	e := newEnv(t, func(o *kycd.Options) { o.Faces = faces })
	e.staff(kycd.RoleReviewer, reviewer)
	id := kycd.Identity{FullName: "王芳", DocumentType: "cn_rid", DocumentNumber: "310104198611204572", BirthDate: "1986-11-20", Sex: "M", Nationality: "CHN"}
	_, v := storetest.Submit(t, e.svc, photos, "faces@example.com", "+8613700000031", id)
	e.svc.Faces.Wait()
	c := e.client("en")
	c.post("/login", "/login", url.Values{"email": {reviewer}, "password": {staffPassword}})
	p := c.do("GET", "/review/"+v.ID, nil)
	checkPage(t, "case with faces", p, http.StatusOK)
	if !strings.Contains(p.body, `data-face="match"`) {
		t.Fatalf("no face comparison on the case page")
	}
	if n := len(regexp.MustCompile(`<img src="data:image/png;base64,(?:[A-Za-z0-9/=]|&#43;){100,}"`).FindAllString(p.body, -1)); n != 2 {
		t.Errorf("%d face crops, want 2 side by side", n)
	}
	if !regexp.MustCompile(`Distance 0\.[0-5]\d; the same person is usually under 0\.60\.`).MatchString(p.body) {
		t.Errorf("no distance in words on the page")
	}
}

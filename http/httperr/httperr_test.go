package httperr_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/http/httperr"
	"github.com/kycd/kycd/reason"
)

func TestOf(t *testing.T) {
	cases := []struct {
		name       string
		err        error
		status     int
		code       string
		unexpected bool
	}{
		{"database failure", errors.New("connection refused"), 500, "internal", true},
		{"wrapped database failure", fmt.Errorf("find application: %w", errors.New("eof")), 500, "internal", true},
		{"store conflict nobody translated", kycd.ErrorWith(kycd.ECONFLICT), 500, "internal", true},
		{"store not found", fmt.Errorf("x: %w", kycd.ErrorWith(kycd.ENOTFOUND)), 404, "request.not_found", false},
		{"erased data", fmt.Errorf("x: %w", kycd.Errorf(kycd.EERASED, "key destroyed")), 410, "data.erased", false},
		{"table entry", kycd.ErrorWith("application.locked"), http.StatusConflict, "application.locked", false},
		{"checksum outside tus", kycd.ErrorWith("upload.checksum_mismatch"), 400, "upload.checksum_mismatch", false},
		{"too large", kycd.ErrorWith("document.too_large", "max_mb", "20"), 413, "document.too_large", false},
		{"catalogue code not in the table", kycd.ErrorWith("upload.incomplete", "received", "1", "size", "2"), 400, "upload.incomplete", false},
		{"unknown code", kycd.ErrorWith("no.such.code"), 500, "no.such.code", false},
		{"findings", &kycd.FindingsError{Code: "application.not_ready", Findings: []reason.Finding{reason.New("id_number.checksum")}}, 422, "application.not_ready", false},
	}
	if st := httperr.Of(kycd.ErrorWith("upload.checksum_mismatch")).TusStatus(); st != httperr.StatusChecksumMismatch {
		t.Errorf("tus status of a checksum mismatch = %d, want 460", st)
	}
	if st := httperr.Of(kycd.ErrorWith("application.locked")).TusStatus(); st != http.StatusConflict {
		t.Errorf("tus status of application.locked = %d, want the table's 409", st)
	}
	for _, c := range cases {
		p := httperr.Of(c.err)
		if p.Status != c.status || p.Code != c.code || p.Unexpected != c.unexpected {
			t.Errorf("%s: Of = %d %q unexpected=%v, want %d %q %v", c.name, p.Status, p.Code, p.Unexpected, c.status, c.code, c.unexpected)
		}
	}
}

func TestWording(t *testing.T) {
	p := httperr.Of(kycd.ErrorWith("document.too_large", "max_mb", "20"))
	en, zh := p.Text("en"), p.Text("zh-CN")
	if en == zh || !strings.Contains(en, "20") || !strings.Contains(zh, "20") {
		t.Errorf("Text en %q zh %q: want two languages, both naming the limit", en, zh)
	}
	d := httperr.Of(kycd.Errorf("request.invalid", "field x is not a number")).Localize("en")
	if !strings.Contains(d.Message, "field x is not a number") {
		t.Errorf("request.invalid message %q lacks its detail", d.Message)
	}
	if got := httperr.Lang(context.Background()); got != "en" {
		t.Errorf("Lang of a bare context = %q, want en", got)
	}
	if got := httperr.Lang(httperr.WithLang(context.Background(), "zh-CN")); got != "zh-CN" {
		t.Errorf("Lang after WithLang(zh-CN) = %q", got)
	}
}

package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

// TestUploadRefusals: a file over the limit or of a type the card does not
// take is refused in the browser before a byte is sent; when the server
// refuses one (413) the card says the limit in words, never that the
// upload will resume; and the previous photo's findings go (issue 13,
// item 5).
func TestUploadRefusals(t *testing.T) {
	e, b := startApplication(t, "big@example.com", "+8613700000013")
	b.open(strings.TrimSuffix(b.eval(`location.pathname`), "/identity") + "/documents")
	b.wait("#doc-id_front")

	b.upload("#file-id_front", photos+"card_blurred.jpg")
	b.wait(`#doc-id_front [data-code="photo.blurry"]`)

	big := filepath.Join(t.TempDir(), "big.jpg")
	if err := os.WriteFile(big, make([]byte, kycd.MaxPhotoBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	limit := reason.Message("en", "document.too_large", "max_mb", strconv.Itoa(kycd.MaxPhotoBytes>>20))
	began := e.creations.Load()
	b.upload("#file-id_front", big)
	b.wait(`#doc-id_front [data-code="document.too_large"]`)
	b.wantText(`#doc-id_front [data-result]`, limit)
	if n := e.creations.Load() - began; n != 0 {
		t.Errorf("a file over the limit began %d uploads, want it refused in the browser", n)
	}
	if b.eval(`String(!!document.querySelector('#doc-id_front [data-code="photo.blurry"]'))`) != "false" {
		t.Error("the previous photo's finding is still shown beside the refused file")
	}

	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("not a photo"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.upload("#file-id_front", text)
	b.wait(`#doc-id_front [data-code="photo.unsupported_format"]`)
	if n := e.creations.Load() - began; n != 0 {
		t.Errorf("a text file began %d uploads, want it refused in the browser", n)
	}

	// A browser that lets the file through (an old page, a wrong limit)
	// meets the server's 413, which the card words the same way.
	b.eval(`(()=>{document.querySelector('#doc-id_front').dataset.maxBytes='0'; return ''})()`)
	b.upload("#file-id_front", big)
	b.wait(`#doc-id_front [data-code="document.too_large"]`)
	b.wantText(`#doc-id_front [data-result]`, limit)
	if n := e.creations.Load() - began; n != 1 {
		t.Errorf("%d uploads begun, want the one the server refused", n)
	}
	if got := b.eval(`document.querySelector('#doc-id_front').dataset.state`); got != "refused" {
		t.Errorf("card state %q after the server's 413, want refused (not a retry)", got)
	}
}

package photo

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestCalibrate prints every metric of every photo in $KYCD_PHOTO_CALIBRATE (kind
// guessed from the file name), for tuning Config and docs/photo-checks.md:
//
//	KYCD_PHOTO_CALIBRATE=$PWD/checks/photo/testdata go test -v -run Calibrate ./checks/photo
func TestCalibrate(t *testing.T) {
	dir := os.Getenv("KYCD_PHOTO_CALIBRATE")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		kind := IDFront
		b := filepath.Base(f)
		switch {
		case strings.Contains(b, "selfie"):
			kind = Selfie
		case strings.Contains(b, "back"):
			kind = IDBack
		case strings.Contains(b, "passport"):
			kind = Passport
		}
		r := Check(data, kind, DefaultConfig())
		var ks []string
		for k := range r.Metrics {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		var m []string
		for _, k := range ks {
			m = append(m, fmt.Sprintf("%s=%g", k, r.Metrics[k]))
		}
		var codes []string
		for _, f := range r.Findings {
			codes = append(codes, f.Code)
		}
		fmt.Printf("%-28s %-8s acc=%v %v\n    %s\n", b, kind, r.Accepted, codes, strings.Join(m, " "))
	}
}

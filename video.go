package kycd

import (
	"context"
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/kycd/kycd/reason"
)

// VideoResult is what a video check found.
type VideoResult struct {
	Accepted bool
	Findings []reason.Finding
	Metrics  map[string]float64
	// Analysed is false when the tools to look inside the video are
	// missing; the reviewer then watches it unassisted.
	Analysed bool
}

// VideoChecker inspects a selfie video (container, duration, faces).
type VideoChecker interface {
	CheckVideo(ctx context.Context, data []byte) VideoResult
}

// videoPhrase is what the applicant says in the selfie video: six digits
// derived from the application and attempt with the keyed hash, so the
// reviewer's case shows the same digits without storing them, and a new
// attempt gets new ones. The application view carries it (VideoPhrase) and
// the case carries it beside each video (CaseDocument.Phrase).
func (s *Service) videoPhrase(appID string, attempt int) string {
	h := s.Sealer.BlindIndex("video-phrase", appID+"|"+strconv.Itoa(attempt))
	n := binary.BigEndian.Uint32(h[:4]) % 1000000
	digits := strconv.Itoa(int(n) + 1000000)[1:]
	return strings.Join(strings.Split(digits, ""), " ")
}

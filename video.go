package kycd

import (
	"context"

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

// Package video checks selfie videos: the container, the duration and, when
// ffmpeg is installed, that a face is present throughout (frames sampled by
// ffmpeg, faces found by checks/face). Without ffmpeg the video is marked
// "not analysed" so a reviewer knows to watch it unassisted.
package video

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/face"
	"github.com/kycd/kycd/reason"
)

// Limits of an acceptable selfie video.
const (
	MinSeconds = 2
	MaxSeconds = 30
)

// Checker runs the checks; FFmpeg and FFprobe are the tools' paths (empty
// when not installed).
type Checker struct {
	FFmpeg, FFprobe string
	Timeout         time.Duration
}

// New finds ffmpeg and ffprobe on PATH.
func New() *Checker {
	c := &Checker{Timeout: 30 * time.Second}
	c.FFmpeg, _ = exec.LookPath("ffmpeg")
	c.FFprobe, _ = exec.LookPath("ffprobe")
	return c
}

// Container names the container of data: "mp4" (MP4 and QuickTime share the
// ISO box layout), "webm", or "" when unrecognised.
func Container(data []byte) string {
	switch {
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "mp4"
	case len(data) >= 4 && bytes.Equal(data[:4], []byte{0x1a, 0x45, 0xdf, 0xa3}):
		return "webm"
	}
	return ""
}

// MP4Duration reads the duration from the movie header box (mvhd), walking
// the top-level boxes and moov's children. ok is false when it is absent or
// malformed.
func MP4Duration(data []byte) (seconds float64, ok bool) {
	moov, found := findBox(data, "moov")
	if !found {
		return 0, false
	}
	mvhd, found := findBox(moov, "mvhd")
	if !found || len(mvhd) < 20 {
		return 0, false
	}
	switch mvhd[0] { // version
	case 0:
		scale := binary.BigEndian.Uint32(mvhd[12:16])
		dur := binary.BigEndian.Uint32(mvhd[16:20])
		if scale == 0 {
			return 0, false
		}
		return float64(dur) / float64(scale), true
	case 1:
		if len(mvhd) < 32 {
			return 0, false
		}
		scale := binary.BigEndian.Uint32(mvhd[20:24])
		dur := binary.BigEndian.Uint64(mvhd[24:32])
		if scale == 0 {
			return 0, false
		}
		return float64(dur) / float64(scale), true
	}
	return 0, false
}

// findBox returns the payload of the first box named typ in data.
func findBox(data []byte, typ string) ([]byte, bool) {
	for len(data) >= 8 {
		size := uint64(binary.BigEndian.Uint32(data[:4]))
		hdr := uint64(8)
		switch size {
		case 0:
			size = uint64(len(data))
		case 1:
			if len(data) < 16 {
				return nil, false
			}
			size, hdr = binary.BigEndian.Uint64(data[8:16]), 16
		}
		if size < hdr || size > uint64(len(data)) {
			return nil, false
		}
		if string(data[4:8]) == typ {
			return data[hdr:size], true
		}
		data = data[size:]
	}
	return nil, false
}

// CheckVideo implements kycd.VideoChecker.
func (c *Checker) CheckVideo(ctx context.Context, data []byte) kycd.VideoResult {
	res := kycd.VideoResult{Metrics: map[string]float64{}, Findings: []reason.Finding{}}
	kind := Container(data)
	if kind == "" {
		res.Findings = append(res.Findings, reason.New("video.unsupported_format"))
		return res
	}
	secs, known := -1.0, false
	if kind == "mp4" {
		secs, known = MP4Duration(data)
	}
	var path string
	if c.FFprobe != "" || c.FFmpeg != "" {
		f, err := os.CreateTemp("", "kycd-video-*")
		if err == nil {
			// The temporary copy is the only plaintext on disk, removed as
			// soon as the tools are done.
			defer os.Remove(f.Name())
			f.Write(data)
			f.Close()
			path = f.Name()
		}
	}
	if !known && path != "" && c.FFprobe != "" {
		secs, known = c.probeDuration(ctx, path)
	}
	if known {
		res.Metrics["duration_s"] = secs
		switch {
		case secs < MinSeconds:
			res.Findings = append(res.Findings, reason.New("video.too_short", "seconds", fmt.Sprintf("%.1f", secs), "min", strconv.Itoa(MinSeconds)))
		case secs > MaxSeconds:
			res.Findings = append(res.Findings, reason.New("video.too_long", "seconds", fmt.Sprintf("%.0f", secs), "max", strconv.Itoa(MaxSeconds)))
		}
	}
	if path != "" && c.FFmpeg != "" {
		if share, frames, ok := c.faceShare(ctx, path); ok {
			res.Analysed = true
			res.Metrics["frames"], res.Metrics["face_share"] = float64(frames), share
			// A face in fewer than 70 % of the sampled frames means the
			// person left the frame or hid their face for a good part.
			if share < 0.7 {
				res.Findings = append(res.Findings, reason.New("video.no_face"))
			}
		}
	}
	if !res.Analysed {
		res.Findings = append(res.Findings, reason.New("video.not_analysed"))
	}
	res.Accepted = !reason.AnyBlocking(res.Findings)
	return res
}

func (c *Checker) probeDuration(ctx context.Context, path string) (float64, bool) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, c.FFprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path).Output()
	if err != nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	return v, err == nil
}

// faceShare samples two frames a second at 320×240 grey and returns the
// share of frames with a face.
func (c *Checker) faceShare(ctx context.Context, path string) (float64, int, bool) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	const w, h = 320, 240
	out, err := exec.CommandContext(ctx, c.FFmpeg, "-v", "error", "-i", path, "-vf", fmt.Sprintf("fps=2,scale=%d:%d", w, h),
		"-f", "rawvideo", "-pix_fmt", "gray", "-frames:v", "80", "pipe:1").Output()
	if err != nil || len(out) < w*h {
		return 0, 0, false
	}
	frames, withFace := len(out)/(w*h), 0
	for i := 0; i < frames; i++ {
		if len(face.Detect(out[i*w*h:(i+1)*w*h], w, h, face.Params{MinSize: 40})) > 0 {
			withFace++
		}
	}
	return float64(withFace) / float64(frames), frames, true
}

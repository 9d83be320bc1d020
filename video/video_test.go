package video

import (
	"context"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kycd/kycd/reason"
)

// box builds an ISO BMFF box.
func box(typ string, payload []byte) []byte {
	b := make([]byte, 8, 8+len(payload))
	binary.BigEndian.PutUint32(b, uint32(8+len(payload)))
	copy(b[4:], typ)
	return append(b, payload...)
}

// mp4 returns a minimal MP4 whose movie header says seconds long.
func mp4(seconds float64, version byte) []byte {
	var mvhd []byte
	if version == 0 {
		mvhd = make([]byte, 20)
		binary.BigEndian.PutUint32(mvhd[12:], 1000)
		binary.BigEndian.PutUint32(mvhd[16:], uint32(seconds*1000))
	} else {
		mvhd = make([]byte, 32)
		mvhd[0] = 1
		binary.BigEndian.PutUint32(mvhd[20:], 600)
		binary.BigEndian.PutUint64(mvhd[24:], uint64(seconds*600))
	}
	out := box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41"))
	out = append(out, box("free", make([]byte, 16))...)
	return append(out, box("moov", box("mvhd", mvhd))...)
}

func TestMP4Duration(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		want float64
		ok   bool
	}{
		{mp4(7.5, 0), 7.5, true},
		{mp4(12, 1), 12, true},
		{box("ftyp", []byte("isom")), 0, false},
		{append(box("ftyp", []byte("isom")), 0, 0, 0, 99, 'm', 'o', 'o', 'v'), 0, false}, // box runs past the end
	} {
		got, ok := MP4Duration(tc.data)
		if ok != tc.ok || got != tc.want {
			t.Errorf("MP4Duration=%v,%v, want %v,%v", got, ok, tc.want, tc.ok)
		}
	}
}

func codes(fs []reason.Finding) map[string]bool {
	m := map[string]bool{}
	for _, f := range fs {
		m[f.Code] = true
	}
	return m
}

func TestCheckWithoutTools(t *testing.T) {
	c := &Checker{} // no ffmpeg: container and duration only
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		data     []byte
		accepted bool
		code     string
	}{
		{"good length", mp4(8, 0), true, "video.not_analysed"},
		{"too short", mp4(1, 0), false, "video.too_short"},
		{"too long", mp4(45, 0), false, "video.too_long"},
		{"not a video", []byte("GIF89a, not a video at all"), false, "video.unsupported_format"},
		{"webm, duration unknown", []byte{0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0}, true, "video.not_analysed"},
	} {
		res := c.CheckVideo(ctx, tc.data)
		if res.Accepted != tc.accepted || !codes(res.Findings)[tc.code] {
			t.Errorf("%s: Accepted=%v codes=%v, want %v with %q", tc.name, res.Accepted, codes(res.Findings), tc.accepted, tc.code)
		}
		for _, f := range res.Findings {
			if err := reason.Check(f); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
	}
}

// TestCheckWithFFmpeg runs the face check on a generated video without a
// face; it needs ffmpeg, which is optional for kycd.
func TestCheckWithFFmpeg(t *testing.T) {
	c := New()
	if c.FFmpeg == "" || c.FFprobe == "" {
		t.Skip("ffmpeg is not installed; videos are then marked not analysed (TestCheckWithoutTools)")
	}
	p := filepath.Join(t.TempDir(), "v.mp4")
	if out, err := exec.Command(c.FFmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=10",
		"-pix_fmt", "yuv420p", p).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	data, _ := os.ReadFile(p)
	res := c.CheckVideo(context.Background(), data)
	if !res.Analysed || !codes(res.Findings)["video.no_face"] || res.Accepted {
		t.Errorf("test pattern video: Analysed=%v Accepted=%v codes=%v, want analysed and video.no_face", res.Analysed, res.Accepted, codes(res.Findings))
	}
	if d := res.Metrics["duration_s"]; d < 2.5 || d > 3.5 {
		t.Errorf("duration_s=%v, want about 3", d)
	}
}

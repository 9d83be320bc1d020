package photo

import (
	"testing"

	"github.com/kycd/kycd/checks/photo/internal/coef"
	"github.com/kycd/kycd/checks/photo/synth"
)

// BenchmarkRecapture prices the recapture test against the whole check in
// the same run (docs/photo-checks.md, Performance): the check of a 12 MP
// and a 3 MP photo, the entropy decoding with and without the windows, and
// the windows' analysis alone (spectrum and chroma of nine windows).
func BenchmarkRecapture(b *testing.B) {
	for _, size := range [][2]int{{4000, 3000}, {2000, 1500}} {
		s := synth.Corpus(synth.Calibration, 1, 1280)[0] // good_light
		s.W, s.H = size[0], size[1]
		data := synth.Render(s)
		name := map[int]string{4000: "12mp", 2000: "3mp"}[size[0]]
		b.Run(name+"/check", func(b *testing.B) {
			for b.Loop() {
				Check(data, IDFront, DefaultConfig())
			}
		})
		b.Run(name+"/decode", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := coef.Decode(data, 1<<26); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/decode_windows", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := coef.DecodeWindows(data, 1<<26, screenWindows); err != nil {
					b.Fatal(err)
				}
			}
		})
		blocks, _, err := coef.DecodeWindows(data, 1<<26, screenWindows)
		if err != nil {
			b.Fatal(err)
		}
		// What a photo of a card costs (the chroma rules the windows
		// out), and what a screen costs at most (every window's spectrum).
		b.Run(name+"/chroma_windows", func(b *testing.B) {
			for b.Loop() {
				for i := range blocks.Windows {
					chromaResidual(blocks, i)
				}
			}
		})
		b.Run(name+"/spectrum_windows", func(b *testing.B) {
			for b.Loop() {
				for i := range blocks.Windows {
					blocks.Windows[i].Pix = nil
					spectralPeak(blocks.Luma(i), screenWin)
				}
			}
		})
	}
}

package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"slices"
	"testing"

	"github.com/kycd/kycd/reason"
)

// pngHeader is a PNG whose IHDR claims w×h at depth and colour type, with
// an IDAT too short to hold the pixels: enough for the header checks.
func pngHeader(w, h int, depth, colour byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, colour
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// TestDecodeBudget (issue 12 item 1): a 49-megapixel 16-bit RGBA PNG is
// under the pixel cap but would take ~400 MB to decode; it is refused from
// its header. The same size in 8-bit grey fits the budget and goes on to
// decoding (here: a corrupt body).
func TestDecodeBudget(t *testing.T) {
	cfg := DefaultConfig()
	res := Check(pngHeader(7000, 7000, 16, 6), IDFront, cfg)
	if !slices.Contains(reason.Codes(res.Findings), "photo.too_large") || res.Metrics["decode_bytes"] < 392e6 {
		t.Errorf("16-bit RGBA 7000×7000: findings %v, decode_bytes %.0f; want photo.too_large from the header",
			reason.Codes(res.Findings), res.Metrics["decode_bytes"])
	}
	res = Check(pngHeader(7000, 7000, 8, 0), IDFront, cfg)
	if codes := reason.Codes(res.Findings); slices.Contains(codes, "photo.too_large") || !slices.Contains(codes, "photo.corrupt") {
		t.Errorf("8-bit grey 7000×7000: findings %v, want it past the budget and refused as corrupt", codes)
	}
	cfg.MaxDecodeBytes = 0
	if codes := reason.Codes(Check(pngHeader(7000, 7000, 16, 6), IDFront, cfg).Findings); slices.Contains(codes, "photo.too_large") {
		t.Errorf("budget off: findings %v, want no refusal from the budget", codes)
	}
}
